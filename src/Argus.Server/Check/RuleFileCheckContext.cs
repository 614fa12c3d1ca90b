using Argus.Model.Labels;
using Argus.Model.Time;
using YamlDotNet.RepresentationModel;

namespace Argus.Server.Check;

/// <summary>Error collection and the value checks shared by groups and rules.</summary>
internal sealed class RuleFileCheckContext(string fileName, List<string> errors)
{
    public void Error(YamlNode node, string message) =>
        errors.Add($"{fileName}:{node.Start.Line}:{node.Start.Column}: {message}");

    public string Key(YamlNode key) => (key as YamlScalarNode)?.Value ?? string.Empty;

    /// <summary>The scalar's text, or null (with an error) when the node is not a scalar.</summary>
    public string? String(YamlNode node, string field)
    {
        if (node is YamlScalarNode scalar)
        {
            return scalar.Value ?? string.Empty;
        }
        Error(node, $"\"{field}\" must be a single value");
        return null;
    }

    public void Duration(YamlNode node, string field)
    {
        if (String(node, field) is { } text && !PromDuration.TryParse(text, out _, out var error))
        {
            Error(node, $"invalid \"{field}\": {error}");
        }
    }

    public void Labels(YamlNode node, string field, bool checkNames = true)
    {
        if (node is YamlScalarNode { Value: null or "" })
        {
            return;
        }
        if (node is not YamlMappingNode map)
        {
            Error(node, $"\"{field}\" must be a mapping of names to values");
            return;
        }
        foreach (var (key, value) in map.Children)
        {
            var name = Key(key);
            if (checkNames && !LabelNames.IsValidLegacyName(name))
            {
                Error(key, $"invalid label name: {name}");
            }
            if (value is not YamlScalarNode)
            {
                Error(value, $"value of {field}.{name} must be a string");
            }
        }
    }
}
