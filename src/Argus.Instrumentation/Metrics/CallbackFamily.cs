using System.Collections.Concurrent;
using Argus.Instrumentation.Exposition;

namespace Argus.Instrumentation.Metrics;

/// <summary>
/// A counter or gauge family whose values are read from callbacks at scrape time, for publishing
/// the plain stats classes of other components (e.g. a <c>long</c> field updated with
/// <see cref="Interlocked"/>) without them depending on this library.
/// </summary>
/// <remarks>
/// Thread-safe. Callbacks run on the scraping thread and must be cheap and thread-safe themselves.
/// A callback that throws is left out of that scrape rather than failing the whole exposition.
/// </remarks>
public sealed class CallbackFamily : MetricFamily
{
    private readonly ConcurrentDictionary<string[], CallbackChild> _children = new(LabelValuesComparer.Instance);

    /// <param name="type">Only <see cref="MetricType.Counter"/>, <see cref="MetricType.Gauge"/> or
    /// <see cref="MetricType.Untyped"/>: a callback yields one number.</param>
    public CallbackFamily(string name, string help, MetricType type, params string[] labelNames)
        : base(name, help, type, labelNames)
    {
        if (type is not (MetricType.Counter or MetricType.Gauge or MetricType.Untyped))
        {
            throw new ArgumentException($"callback metric {name} must be a counter, gauge or untyped", nameof(type));
        }
    }

    /// <summary>Sets (or replaces) the callback for these label values.</summary>
    public void Set(Func<double> read, params string[] labelValues)
    {
        ArgumentNullException.ThrowIfNull(read);
        CheckLabelValues(labelValues);
        _children[[.. labelValues]] = new CallbackChild(read);
    }

    public bool Remove(params string[] labelValues) => _children.TryRemove(labelValues, out _);

    protected override List<(string[] LabelValues, IMetricChild Child)> SnapshotChildren() =>
        [.. _children.Select(static kv => (kv.Key, (IMetricChild)kv.Value))];

}
