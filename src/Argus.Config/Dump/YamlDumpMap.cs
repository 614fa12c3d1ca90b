using System.Globalization;
using Argus.Model.Time;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Argus.Config.Dump;

/// <summary>Builds one mapping of a configuration dump, in insertion order, with helpers that
/// mirror Go's <c>omitempty</c> (skip zero values) and Prometheus' value formats.</summary>
internal sealed class YamlDumpMap
{
    public YamlMappingNode Node { get; } = new();

    public YamlDumpMap Add(string key, YamlNode value)
    {
        Node.Add(new YamlScalarNode(key), value);
        return this;
    }

    public YamlDumpMap Add(string key, string value) => Add(key, Scalar(value));

    public YamlDumpMap Add(string key, bool value) => Add(key, new YamlScalarNode(value ? "true" : "false"));

    public YamlDumpMap Add(string key, TimeSpan value) => Add(key, new YamlScalarNode(PromDuration.Format(value)));

    public YamlDumpMap AddNonEmpty(string key, string? value) => string.IsNullOrEmpty(value) ? this : Add(key, value);

    public YamlDumpMap AddNonZero(string key, ulong value) =>
        value == 0 ? this : Add(key, new YamlScalarNode(value.ToString(CultureInfo.InvariantCulture)));

    public YamlDumpMap AddNonZero(string key, long value) =>
        value == 0 ? this : Add(key, new YamlScalarNode(value.ToString(CultureInfo.InvariantCulture)));

    public YamlDumpMap AddNonZero(string key, double value) =>
        value == 0 ? this : Add(key, new YamlScalarNode(value.ToString("R", CultureInfo.InvariantCulture)));

    public YamlDumpMap AddNonZero(string key, TimeSpan value) => value == TimeSpan.Zero ? this : Add(key, value);

    public YamlDumpMap AddNonZero(string key, ByteSize value) => value.Bytes == 0 ? this : Add(key, new YamlScalarNode(value.ToString()));

    public YamlDumpMap AddTrue(string key, bool value) => value ? Add(key, true) : this;

    public YamlDumpMap AddSecret(string key, Secret? secret) => secret is null || secret.IsEmpty ? this : Add(key, Secret.Mask);

    public YamlDumpMap AddList(string key, IEnumerable<string> values, bool flow = false)
    {
        var sequence = new YamlSequenceNode(values.Select(v => (YamlNode)Scalar(v)));
        if (sequence.Children.Count == 0)
        {
            return this;
        }
        if (flow)
        {
            sequence.Style = SequenceStyle.Flow;
        }
        return Add(key, sequence);
    }

    public YamlDumpMap AddList(string key, IEnumerable<YamlNode> values)
    {
        var sequence = new YamlSequenceNode(values);
        return sequence.Children.Count == 0 ? this : Add(key, sequence);
    }

    public YamlDumpMap AddMap(string key, IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var map = new YamlMappingNode();
        foreach (var (name, value) in pairs)
        {
            map.Add(Scalar(name), Scalar(value));
        }
        return map.Children.Count == 0 ? this : Add(key, map);
    }

    public YamlDumpMap AddMap(string key, YamlDumpMap? map) => map is null || map.Node.Children.Count == 0 ? this : Add(key, map.Node);

    /// <summary>A string scalar; quoted when it would otherwise read back as another type or is empty.</summary>
    public static YamlScalarNode Scalar(string value)
    {
        var node = new YamlScalarNode(value);
        if (value.Length == 0 || NeedsQuotes(value))
        {
            node.Style = ScalarStyle.DoubleQuoted;
        }
        return node;
    }

    private static bool NeedsQuotes(string value) =>
        value is "true" or "false" or "yes" or "no" or "on" or "off" or "y" or "n" or "null" or "~"
        || double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
        || value.Any(char.IsControl);
}
