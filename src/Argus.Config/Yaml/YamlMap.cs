using YamlDotNet.RepresentationModel;

namespace Argus.Config.Yaml;

/// <summary>
/// Reads one YAML mapping field by field, strictly: every key the caller does not ask for is an
/// error (<c>file:line:col: field X not found in type Y</c>) once <see cref="EnsureAllRead"/> runs,
/// and a key given twice is an error. Getters return null (or the supplied default) when a key is
/// absent or its value is empty/<c>null</c>, which is how yaml.v2 leaves a Go field at its default.
/// </summary>
/// <remarks>
/// Usage: create with <see cref="YamlSource.Map"/>, call the typed getters for every known field,
/// then <see cref="EnsureAllRead"/>. <c>&lt;&lt;</c> merge keys are expanded first; keys written in
/// the mapping itself win over merged ones. Not thread-safe (it records which keys were read).
/// </remarks>
public sealed class YamlMap
{
    private readonly List<KeyValuePair<YamlNode, YamlNode>> _entries = [];
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly bool[] _read;

    internal YamlMap(YamlSource source, YamlMappingNode node, string typeName)
    {
        Source = source;
        Node = node;
        TypeName = typeName;
        var explicitKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, _) in node.Children)
        {
            if (!IsMergeKey(key))
            {
                var name = KeyText(key);
                if (!explicitKeys.Add(name))
                {
                    throw source.Error(key, $"mapping key \"{name}\" already defined");
                }
            }
        }
        foreach (var (key, value) in node.Children)
        {
            if (IsMergeKey(key))
            {
                foreach (var merged in MergeSources(value))
                {
                    foreach (var (mergedKey, mergedValue) in merged.Children)
                    {
                        var name = KeyText(mergedKey);
                        if (!explicitKeys.Contains(name) && !_index.ContainsKey(name))
                        {
                            _index[name] = _entries.Count;
                            _entries.Add(new(mergedKey, mergedValue));
                        }
                    }
                }
                continue;
            }
            var keyName = KeyText(key);
            if (_index.TryGetValue(keyName, out var earlier))
            {
                // An explicit key replaces a value merged in by an earlier "<<".
                _entries[earlier] = new(key, value);
            }
            else
            {
                _index[keyName] = _entries.Count;
                _entries.Add(new(key, value));
            }
        }
        _read = new bool[_entries.Count];
    }

    public YamlSource Source { get; }

    public YamlMappingNode Node { get; }

    /// <summary>The Go-style type name used in "field X not found in type Y" errors.</summary>
    public string TypeName { get; }

    /// <summary>All entries after merge-key expansion, in document order.</summary>
    public IReadOnlyList<KeyValuePair<YamlNode, YamlNode>> Entries => _entries;

    /// <summary>The key names in document order.</summary>
    public IEnumerable<string> Keys => _entries.Select(e => KeyText(e.Key));

    /// <summary>True when <paramref name="key"/> is present with a non-null value.</summary>
    public bool Has(string key) => _index.TryGetValue(key, out var i) && !YamlSource.IsNull(_entries[i].Value);

    /// <summary>True when <paramref name="key"/> is present at all (even with an empty value).</summary>
    public bool Contains(string key) => _index.ContainsKey(key);

    /// <summary>Marks <paramref name="key"/> as known and returns its value node, or null when it
    /// is absent or null-valued.</summary>
    public YamlNode? Take(string key)
    {
        if (!_index.TryGetValue(key, out var i))
        {
            return null;
        }
        _read[i] = true;
        var value = _entries[i].Value;
        return YamlSource.IsNull(value) ? null : value;
    }

    /// <summary>The key node of <paramref name="key"/> (for error positions), or the mapping itself.</summary>
    public YamlNode PositionOf(string key) =>
        _index.TryGetValue(key, out var i) ? _entries[i].Key : Node;

    /// <summary>The value node of <paramref name="key"/> when present (even if null), else the mapping node.</summary>
    public YamlNode ValuePositionOf(string key) =>
        _index.TryGetValue(key, out var i) ? _entries[i].Value : Node;

    /// <summary>Marks <paramref name="key"/> as known without reading it (a field accepted and ignored).</summary>
    public void Ignore(string key) => Take(key);

    /// <summary>Marks every key as read (for free-form maps such as <c>params</c>).</summary>
    public void MarkAllRead() => Array.Fill(_read, true);

    public string? String(string key) => Take(key) is { } n ? Source.String(n) : null;

    public string String(string key, string defaultValue) => String(key) ?? defaultValue;

    public bool? Bool(string key) => Take(key) is { } n ? Source.Bool(n) : null;

    public bool Bool(string key, bool defaultValue) => Bool(key) ?? defaultValue;

    public int? Int32(string key) => Take(key) is { } n ? Source.Int32(n) : null;

    public long? Int64(string key) => Take(key) is { } n ? Source.Int64(n) : null;

    public ulong? UInt64(string key) => Take(key) is { } n ? Source.UInt64(n) : null;

    public double? Double(string key) => Take(key) is { } n ? Source.Double(n) : null;

    public TimeSpan? Duration(string key) => Take(key) is { } n ? Source.Duration(n) : null;

    public TimeSpan Duration(string key, TimeSpan defaultValue) => Duration(key) ?? defaultValue;

    public ByteSize? Size(string key) => Take(key) is { } n ? Source.Size(n) : null;

    public Secret? Secret(string key) => Take(key) is { } n ? Source.Secret(n) : null;

    public ConfigUrl? Url(string key, bool requireAbsolute = true) => Take(key) is { } n ? Source.Url(n, requireAbsolute) : null;

    public ConfigRegex? Regex(string key) => Take(key) is { } n ? Source.Regex(n) : null;

    public string? LabelName(string key, bool allowUtf8 = true) => Take(key) is { } n ? Source.LabelName(n, allowUtf8) : null;

    /// <summary>A nested strict mapping, or null when absent.</summary>
    public YamlMap? Map(string key, string typeName) => Take(key) is { } n ? Source.Map(n, typeName) : null;

    /// <summary>A list read element by element; an absent key is an empty list.</summary>
    public IReadOnlyList<T> List<T>(string key, string what, Func<YamlNode, T> read) =>
        Take(key) is { } n ? Source.Sequence(n, what).Select(read).ToList() : [];

    /// <summary>A list of strings; null when absent (so callers can tell absent from empty).</summary>
    public IReadOnlyList<string>? StringList(string key) => Take(key) is { } n ? Source.StringList(n) : null;

    /// <summary>A string-to-string map in document order; null when absent.</summary>
    public IReadOnlyList<KeyValuePair<string, string>>? StringMap(string key, string typeName = "map[string]string") =>
        Take(key) is { } n ? Source.StringMap(n, typeName) : null;

    /// <summary>Throws for the first key (in document order) that no getter asked for.</summary>
    public void EnsureAllRead()
    {
        for (var i = 0; i < _entries.Count; i++)
        {
            if (!_read[i])
            {
                var key = _entries[i].Key;
                throw Source.Error(key, $"field {KeyText(key)} not found in type {TypeName}");
            }
        }
    }

    /// <summary>An error at the value of <paramref name="key"/> (or at the mapping when absent).</summary>
    public ConfigException ErrorAt(string key, string message) => Source.Error(ValuePositionOf(key), message);

    /// <summary>An error at the start of this mapping.</summary>
    public ConfigException Error(string message) => Source.Error(Node, message);

    private static bool IsMergeKey(YamlNode key) =>
        key is YamlScalarNode { Value: "<<" } scalar && scalar.Style == YamlDotNet.Core.ScalarStyle.Plain;

    private string KeyText(YamlNode key) => key is YamlScalarNode ? Source.String(key) : throw Source.Error(key, $"invalid map key: {YamlSource.Describe(key)}");

    private IEnumerable<YamlMappingNode> MergeSources(YamlNode value) => value switch
    {
        YamlMappingNode mapping => [mapping],
        YamlSequenceNode sequence => sequence.Children.Select(c => c as YamlMappingNode
            ?? throw Source.Error(c, "map merge requires map or sequence of maps as the value")),
        _ => throw Source.Error(value, "map merge requires map or sequence of maps as the value"),
    };
}
