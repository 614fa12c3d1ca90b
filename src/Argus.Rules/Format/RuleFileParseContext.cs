using Argus.Config.Yaml;
using Argus.Model.Labels;
using Argus.Model.Time;
using YamlDotNet.RepresentationModel;

namespace Argus.Rules.Format;

/// <summary>Error collection and the value checks shared by groups and rules while one file is parsed.</summary>
internal sealed class RuleFileParseContext(string fileName, List<string> errors, RuleFileOptions options)
{
    public string FileName => fileName;

    public RuleFileOptions Options => options;

    public void Error(YamlNode node, string message) =>
        errors.Add($"{fileName}:{node.Start.Line}:{node.Start.Column}: {message}");

    public static string Key(YamlNode key) => (key as YamlScalarNode)?.Value ?? string.Empty;

    /// <summary>The mapping's entries with YAML merge keys (<c>&lt;&lt;: *anchor</c>) expanded: merged
    /// entries come after the explicit ones and never override them, as in yaml.v3.</summary>
    public static IEnumerable<KeyValuePair<YamlNode, YamlNode>> Entries(YamlMappingNode map)
    {
        if (!map.Children.Keys.Any(k => Key(k) == "<<"))
        {
            return map.Children;
        }
        var explicitEntries = map.Children.Where(e => Key(e.Key) != "<<").ToList();
        var present = new HashSet<string>(explicitEntries.Select(e => Key(e.Key)), StringComparer.Ordinal);
        var result = new List<KeyValuePair<YamlNode, YamlNode>>(explicitEntries);
        foreach (var merge in map.Children.Where(e => Key(e.Key) == "<<").Select(e => e.Value))
        {
            var sources = merge is YamlSequenceNode list ? list.Children.OfType<YamlMappingNode>() : merge is YamlMappingNode single ? [single] : [];
            foreach (var source in sources)
            {
                foreach (var entry in Entries(source))
                {
                    if (present.Add(Key(entry.Key)))
                    {
                        result.Add(entry);
                    }
                }
            }
        }
        return result;
    }

    public void UnknownField(YamlNode key, string field, string where)
    {
        if (!options.IgnoreUnknownFields)
        {
            Error(key, $"field {field} not found in {where}");
        }
    }

    public bool IsValidMetricName(string name) =>
        options.LegacyNameValidation ? LabelNames.IsValidLegacyMetricName(name) : LabelNames.IsValidUtf8Name(name);

    private bool IsValidLabelName(string name) =>
        options.LegacyNameValidation ? LabelNames.IsValidLegacyName(name) : LabelNames.IsValidUtf8Name(name);

    /// <summary>The scalar's text, or null (with an error) when the node is not a scalar.</summary>
    public string? String(YamlNode node, string field)
    {
        if (node is YamlScalarNode scalar)
        {
            return YamlSource.IsNull(scalar) ? string.Empty : scalar.Value ?? string.Empty;
        }
        Error(node, $"\"{field}\" must be a single value");
        return null;
    }

    public TimeSpan? Duration(YamlNode node, string field)
    {
        if (String(node, field) is not { } text || text.Length == 0)
        {
            return null;
        }
        if (!PromDuration.TryParse(text, out var value, out var error))
        {
            Error(node, $"invalid \"{field}\": {error}");
            return null;
        }
        return value;
    }

    /// <summary>Reads a name → value mapping, checking names (label names may not be <c>__name__</c>)
    /// and that values are valid UTF-8 strings.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Labels(YamlNode node, string field, bool isAnnotations)
    {
        if (YamlSource.IsNull(node))
        {
            return [];
        }
        if (node is not YamlMappingNode map)
        {
            Error(node, $"\"{field}\" must be a mapping of names to values");
            return [];
        }
        var result = new List<KeyValuePair<string, string>>();
        foreach (var (key, value) in Entries(map))
        {
            var name = Key(key);
            if (isAnnotations)
            {
                if (!IsValidLabelName(name))
                {
                    Error(key, $"invalid annotation name: {name}");
                }
            }
            else if (!IsValidLabelName(name) || name == LabelNames.MetricName)
            {
                Error(key, $"invalid label name: {name}");
            }
            if (value is not YamlScalarNode scalar)
            {
                Error(value, $"value of {field}.{name} must be a string");
                continue;
            }
            var text = YamlSource.IsNull(scalar) ? string.Empty : scalar.Value ?? string.Empty;
            if (!LabelNames.IsValidValue(text))
            {
                Error(value, $"invalid label value: {text}");
            }
            result.Add(new KeyValuePair<string, string>(name, text));
        }
        return result;
    }
}
