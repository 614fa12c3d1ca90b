using Argus.Instrumentation.Exposition;

namespace Argus.Instrumentation.Metrics;

/// <summary>Gauges sharing a name and label names, one per combination of label values.</summary>
public sealed class GaugeFamily : ChildFamily<Gauge>
{
    public GaugeFamily(string name, string help, params string[] labelNames)
        : base(name, help, MetricType.Gauge, labelNames)
    {
    }

    protected override Gauge CreateChild() => new();
}
