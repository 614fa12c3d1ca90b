namespace Argus.Instrumentation.Exposition;

/// <summary>The metric family types of the text exposition format.</summary>
public enum MetricType : byte
{
    Untyped,
    Counter,
    Gauge,
    Histogram,
    Summary,
}
