using System.Collections.Concurrent;
using Argus.Instrumentation.Exposition;

namespace Argus.Instrumentation.Metrics;

/// <summary>
/// A family whose children are created on first use of a combination of label values and live
/// as long as the family. Callers on hot paths should keep the child returned by
/// <see cref="WithLabels"/> instead of looking it up per event.
/// </summary>
/// <remarks>Thread-safe.</remarks>
public abstract class ChildFamily<TChild> : MetricFamily
    where TChild : class, IMetricChild
{
    private readonly ConcurrentDictionary<string[], TChild> _children = new(LabelValuesComparer.Instance);

    protected ChildFamily(string name, string help, MetricType type, string[] labelNames)
        : base(name, help, type, labelNames)
    {
    }

    /// <summary>The child for these label values (in the order of <see cref="MetricFamily.LabelNames"/>),
    /// created on first use.</summary>
    public TChild WithLabels(params string[] labelValues)
    {
        if (_children.TryGetValue(labelValues, out var existing))
        {
            return existing;
        }
        CheckLabelValues(labelValues);
        return _children.GetOrAdd([.. labelValues], _ => CreateChild());
    }

    /// <summary>Removes the child for these label values, e.g. when the thing it describes is gone.</summary>
    public bool Remove(params string[] labelValues) => _children.TryRemove(labelValues, out _);

    protected abstract TChild CreateChild();

    protected override List<(string[] LabelValues, IMetricChild Child)> SnapshotChildren() =>
        [.. _children.Select(static kv => (kv.Key, (IMetricChild)kv.Value))];
}
