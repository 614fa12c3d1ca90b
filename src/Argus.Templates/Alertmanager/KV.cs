using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Argus.Templates.Alertmanager;

/// <summary>
/// A label or annotation set as notification templates see it (Alertmanager's <c>template.KV</c>):
/// a string map (<c>.CommonLabels.job</c>, <c>len</c>, <c>range</c>) with the methods
/// <c>SortedPairs</c> (alertname first, then by name), <c>Names</c>, <c>Values</c> and <c>Remove</c>.
/// Immutable after construction.
/// </summary>
[SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "Alertmanager's name.")]
public sealed class KV : IReadOnlyDictionary<string, string>
{
    private const string AlertName = "alertname";

    private readonly Dictionary<string, string> _map;

    public KV(IEnumerable<KeyValuePair<string, string>> entries)
    {
        _map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            _map[entry.Key] = entry.Value;
        }
    }

    public static KV Empty { get; } = new([]);

    int IReadOnlyCollection<KeyValuePair<string, string>>.Count => _map.Count;

    IEnumerable<string> IReadOnlyDictionary<string, string>.Keys => _map.Keys;

    IEnumerable<string> IReadOnlyDictionary<string, string>.Values => _map.Values;

    string IReadOnlyDictionary<string, string>.this[string key] => _map[key];

    public Pairs SortedPairs()
    {
        var keys = _map.Keys.Where(k => k != AlertName).Order(StringComparer.Ordinal).ToList();
        if (_map.ContainsKey(AlertName))
        {
            keys.Insert(0, AlertName);
        }
        return new Pairs([.. keys.Select(k => new Pair(k, _map[k]))]);
    }

    public KV Remove(IEnumerable<string> keys)
    {
        var drop = new HashSet<string>(keys, StringComparer.Ordinal);
        return new KV(_map.Where(e => !drop.Contains(e.Key)));
    }

    public IReadOnlyList<string> Names() => SortedPairs().Names();

    public IReadOnlyList<string> Values() => SortedPairs().Values();

    /// <summary>Alertmanager's <c>KV.String()</c>: the sorted pairs as <c>name=value, …</c>.</summary>
    public override string ToString() => SortedPairs().ToString();

    bool IReadOnlyDictionary<string, string>.ContainsKey(string key) => _map.ContainsKey(key);

    bool IReadOnlyDictionary<string, string>.TryGetValue(string key, [MaybeNullWhen(false)] out string value) => _map.TryGetValue(key, out value);

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => _map.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
