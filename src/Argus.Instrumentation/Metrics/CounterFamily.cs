using Argus.Instrumentation.Exposition;

namespace Argus.Instrumentation.Metrics;

/// <summary>Counters sharing a name and label names, one per combination of label values.</summary>
public sealed class CounterFamily : ChildFamily<Counter>
{
    public CounterFamily(string name, string help, params string[] labelNames)
        : base(name, help, MetricType.Counter, labelNames)
    {
    }

    protected override Counter CreateChild() => new();
}
