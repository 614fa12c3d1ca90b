using Argus.Instrumentation.Exposition;
using Argus.Model.Labels;
using LabelNameRules = Argus.Model.Labels.LabelNames;

namespace Argus.Instrumentation.Metrics;

/// <summary>
/// A named metric with help text, a type and a fixed list of label names. Subclasses hold the
/// children (one per combination of label values) and write them in a stable order.
/// </summary>
public abstract class MetricFamily
{
    private readonly string[] _labelNames;

    protected MetricFamily(string name, string help, MetricType type, string[] labelNames)
    {
        if (!LabelNameRules.IsValidLegacyMetricName(name))
        {
            throw new ArgumentException($"invalid metric name \"{name}\"", nameof(name));
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var labelName in labelNames)
        {
            if (!LabelNameRules.IsValidLegacyName(labelName) || labelName.StartsWith(LabelNameRules.ReservedPrefix, StringComparison.Ordinal))
            {
                throw new ArgumentException($"invalid label name \"{labelName}\" for metric {name}", nameof(labelNames));
            }
            if (!seen.Add(labelName))
            {
                throw new ArgumentException($"duplicate label name \"{labelName}\" for metric {name}", nameof(labelNames));
            }
        }
        Name = name;
        Help = help;
        Type = type;
        _labelNames = [.. labelNames];
    }

    public string Name { get; }

    public string Help { get; }

    public MetricType Type { get; }

    public IReadOnlyList<string> LabelNames => _labelNames;

    /// <summary>Writes the family's <c># HELP</c>/<c># TYPE</c> header and every child's samples.
    /// A family without children writes nothing, as Go's client does.</summary>
    public void WriteTo(ExpositionWriter writer)
    {
        var children = SnapshotChildren();
        if (children.Count == 0)
        {
            return;
        }
        children.Sort(static (a, b) => CompareLabelValues(a.LabelValues, b.LabelValues));
        writer.WriteFamilyHeader(Name, Help, Type);
        foreach (var (labelValues, child) in children)
        {
            var labels = new Label[_labelNames.Length];
            for (var i = 0; i < labels.Length; i++)
            {
                labels[i] = new Label(_labelNames[i], labelValues[i]);
            }
            child.WriteSamples(writer, Name, labels);
        }
    }

    /// <summary>True when another registration of the same name may share this family.</summary>
    internal bool IsCompatibleWith(MetricFamily other) =>
        other.GetType() == GetType() && other.Type == Type && _labelNames.AsSpan().SequenceEqual(other._labelNames);

    /// <summary>The current children with their label values (in label-name order).</summary>
    protected abstract List<(string[] LabelValues, IMetricChild Child)> SnapshotChildren();

    protected void CheckLabelValues(string[] labelValues)
    {
        if (labelValues.Length != _labelNames.Length)
        {
            throw new ArgumentException(
                $"metric {Name} has {_labelNames.Length} label name(s) ({string.Join(", ", _labelNames)}) but {labelValues.Length} value(s) were given",
                nameof(labelValues));
        }
        foreach (var value in labelValues)
        {
            ArgumentNullException.ThrowIfNull(value, nameof(labelValues));
        }
    }

    private static int CompareLabelValues(string[] a, string[] b)
    {
        for (var i = 0; i < a.Length; i++)
        {
            var c = string.CompareOrdinal(a[i], b[i]);
            if (c != 0)
            {
                return c;
            }
        }
        return 0;
    }
}
