using System.Collections.Concurrent;
using Argus.Alerting.Alerts;
using Argus.Model.Labels;

namespace Argus.Alerting.Inhibit;

/// <summary>
/// Applies the <c>inhibit_rules</c>: an alert is inhibited when, for some rule, it matches the target matchers
/// and a firing alert matching the source matchers has the same values for every <c>equal</c> label. As in
/// Alertmanager, when the target also matches the source matchers, only sources that do not themselves match
/// the target matchers count, so an alert never inhibits itself or its peers of a two-sided rule.
/// </summary>
/// <remarks>
/// Follows the alert store (<see cref="Observe"/>): each rule keeps its source alerts filed by their values of
/// the <c>equal</c> labels, so a lookup checks only the sources that could inhibit the target. Resolved sources
/// are skipped on lookup and dropped by <see cref="CollectResolved"/>. Thread-safe.
/// </remarks>
public sealed class Inhibitor : IDisposable
{
    private readonly RuleState[] _rules;
    private AlertStore? _followed;

    public Inhibitor(IReadOnlyList<InhibitRule> rules, IEnumerable<Alert> existing)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _rules = rules.Select(r => new RuleState(r)).ToArray();
        foreach (var alert in existing)
        {
            Observe(alert);
        }
    }

    /// <summary>An inhibitor that knows the store's alerts and keeps following it until disposed.</summary>
    public static Inhibitor Follow(IReadOnlyList<InhibitRule> rules, AlertStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var inhibitor = new Inhibitor(rules, []);
        // Subscribe before reading the existing alerts so that none stored in between is missed; observing
        // one twice is harmless.
        store.Stored += inhibitor.Observe;
        inhibitor._followed = store;
        foreach (var alert in store.List())
        {
            inhibitor.Observe(alert);
        }
        return inhibitor;
    }

    /// <summary>Stops following the store, if <see cref="Follow"/> made it follow one.</summary>
    public void Dispose()
    {
        if (_followed is not null)
        {
            _followed.Stored -= Observe;
            _followed = null;
        }
    }

    /// <summary>Takes note of a stored alert (new, updated or resolved).</summary>
    public void Observe(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        foreach (var state in _rules)
        {
            if (state.Rule.MatchesSource(alert.Labels))
            {
                var bucket = state.Sources.GetOrAdd(state.EqualKey(alert.Labels), _ => new ConcurrentDictionary<ulong, Alert>());
                bucket[alert.Fingerprint] = alert;
            }
        }
    }

    /// <summary>Fingerprints of the firing alerts inhibiting an alert with <paramref name="labels"/> at
    /// <paramref name="now"/>, sorted and formatted as the API shows them; empty when it is not inhibited.</summary>
    public List<string> InhibitedBy(LabelSet labels, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (_rules.Length == 0)
        {
            // The common configuration: nothing to hash or collect for each alert of every flush.
            return [];
        }
        var result = new SortedSet<ulong>();
        var fingerprint = AlertFingerprint.Compute(labels);
        foreach (var state in _rules)
        {
            if (!state.Rule.MatchesTarget(labels) || !state.Sources.TryGetValue(state.EqualKey(labels), out var bucket))
            {
                continue;
            }
            var twoSided = state.Rule.MatchesSource(labels);
            foreach (var source in bucket.Values)
            {
                if (source.Fingerprint == fingerprint || source.IsResolved(now))
                {
                    continue;
                }
                if (twoSided && state.Rule.MatchesTarget(source.Labels))
                {
                    continue;
                }
                result.Add(source.Fingerprint);
            }
        }
        return result.Select(AlertFingerprint.Format).ToList();
    }

    /// <summary>Forgets sources that have resolved by <paramref name="now"/>.</summary>
    public void CollectResolved(DateTime now)
    {
        foreach (var state in _rules)
        {
            foreach (var bucket in state.Sources.Values)
            {
                foreach (var entry in bucket)
                {
                    if (entry.Value.IsResolved(now))
                    {
                        bucket.TryRemove(entry);
                    }
                }
            }
        }
    }

    private sealed class RuleState(InhibitRule rule)
    {
        public InhibitRule Rule { get; } = rule;

        /// <summary>Source alerts by their values of the rule's <c>equal</c> labels.</summary>
        public ConcurrentDictionary<string, ConcurrentDictionary<ulong, Alert>> Sources { get; } = new(StringComparer.Ordinal);

        // A missing label equals the empty value, as in Alertmanager. Values are length-prefixed so that no
        // value can imitate a separator.
        public string EqualKey(LabelSet labels) =>
            string.Concat(Rule.Equal.Select(n => labels.Get(n)).Select(v => v.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" + v));
    }
}
