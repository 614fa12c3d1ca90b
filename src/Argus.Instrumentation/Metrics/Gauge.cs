using Argus.Instrumentation.Exposition;
using Argus.Model.Labels;

namespace Argus.Instrumentation.Metrics;

/// <summary>A value that goes up and down.</summary>
/// <remarks>Thread-safe and lock-free.</remarks>
public sealed class Gauge : IMetricChild
{
    private long _bits;

    public void Set(double value) => AtomicDouble.Write(ref _bits, value);

    public void Inc() => AtomicDouble.Add(ref _bits, 1);

    public void Dec() => AtomicDouble.Add(ref _bits, -1);

    public void Add(double delta) => AtomicDouble.Add(ref _bits, delta);

    /// <summary>Sets the gauge to the current Unix time in seconds.</summary>
    public void SetToCurrentTime() => Set(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0);

    public double Value => AtomicDouble.Read(ref _bits);

    void IMetricChild.WriteSamples(ExpositionWriter writer, string name, Label[] labels) =>
        writer.WriteSample(name, labels, Value);
}
