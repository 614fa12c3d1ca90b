using Argus.Model.Labels;
using MatchType = Argus.Model.Labels.MatchType;

namespace Argus.Alerting.Silences;

/// <summary>
/// An immutable lookup of the muting silences that are not expired, built once per change of the silence set.
/// A silence is filed under the label values one of its matchers requires: an equality matcher's (name, value),
/// or each value of a regex that is a plain list of literals (<c>seq=~"12|13"</c>). Of its matchers, the one whose
/// values are shared by the fewest other silences is chosen, so silences that all carry a common matcher (a team, a
/// cluster) are still told apart by their rarest one. An alert then only checks the silences filed under its own
/// labels plus the few that could not be filed; 10 000 alerts × 10 000 silences stay a handful of matcher checks
/// per alert instead of 10 000.
/// </summary>
internal sealed class SilenceIndex
{
    private readonly Dictionary<(string Name, string Value), List<Silence>> _byLabel = [];
    private readonly List<Silence> _unindexed = [];

    public SilenceIndex(long version, IEnumerable<Silence> silences, DateTime now)
    {
        Version = version;
        var live = new List<Silence>();
        var shared = new Dictionary<(string Name, string Value), int>();
        foreach (var silence in silences)
        {
            // Acknowledgement silences (an Argus convention) mute nothing.
            if (silence.StateAt(now) == SilenceState.Expired || silence.IsAcknowledgement)
            {
                continue;
            }
            live.Add(silence);
            foreach (var matcher in silence.Matchers)
            {
                foreach (var value in RequiredValues(matcher) ?? [])
                {
                    shared[(matcher.Name, value)] = shared.GetValueOrDefault((matcher.Name, value)) + 1;
                }
            }
        }
        foreach (var silence in live)
        {
            LabelMatcher? best = null;
            var bestWeight = long.MaxValue;
            foreach (var matcher in silence.Matchers)
            {
                if (RequiredValues(matcher) is not { } values)
                {
                    continue;
                }
                long weight = 0;
                foreach (var value in values)
                {
                    weight += shared[(matcher.Name, value)];
                }
                if (weight < bestWeight)
                {
                    (best, bestWeight) = (matcher, weight);
                }
            }
            if (best is null)
            {
                _unindexed.Add(silence);
                continue;
            }
            foreach (var value in RequiredValues(best)!)
            {
                if (!_byLabel.TryGetValue((best.Name, value), out var list))
                {
                    _byLabel[(best.Name, value)] = list = [];
                }
                list.Add(silence);
            }
        }
    }

    /// <summary>The values one of which a label must have for <paramref name="matcher"/> to match, or null when it can
    /// also match other values or a missing label. An alert has one value per label name, so a silence filed under
    /// several values of one matcher is still found at most once.</summary>
    private static IReadOnlyCollection<string>? RequiredValues(LabelMatcher matcher)
    {
        if (matcher.Type == MatchType.Equal)
        {
            return matcher.Value.Length > 0 ? [matcher.Value] : null;
        }
        return matcher.SetMatches is { Count: > 0 } set && !set.Contains(string.Empty) ? set : null;
    }

    public long Version { get; }

    /// <summary>Ids of the silences active at <paramref name="now"/> that match <paramref name="labels"/>, sorted.</summary>
    public List<string> ActiveMatching(LabelSet labels, DateTime now)
    {
        var result = new List<string>();
        foreach (var label in labels.AsSpan())
        {
            if (_byLabel.TryGetValue((label.Name, label.Value), out var list))
            {
                Collect(list, labels, now, result);
            }
        }
        Collect(_unindexed, labels, now, result);
        if (result.Count > 1)
        {
            result.Sort(StringComparer.Ordinal);
        }
        return result;
    }

    private static void Collect(List<Silence> candidates, LabelSet labels, DateTime now, List<string> result)
    {
        foreach (var silence in candidates)
        {
            if (silence.StateAt(now) == SilenceState.Active && silence.Matches(labels))
            {
                result.Add(silence.Id);
            }
        }
    }
}
