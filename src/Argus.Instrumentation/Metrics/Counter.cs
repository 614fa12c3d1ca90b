using Argus.Instrumentation.Exposition;
using Argus.Model.Labels;

namespace Argus.Instrumentation.Metrics;

/// <summary>
/// A monotonically increasing value. Whole-number increments go to a <c>long</c> with
/// <see cref="Interlocked.Increment(ref long)"/>; fractional ones to a CAS-updated double, so the
/// common <see cref="Inc()"/> is a single atomic instruction.
/// </summary>
/// <remarks>Thread-safe and lock-free.</remarks>
public sealed class Counter : IMetricChild
{
    private long _whole;
    private long _fractionBits;

    public void Inc() => Interlocked.Increment(ref _whole);

    public void Inc(long delta)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(delta);
        Interlocked.Add(ref _whole, delta);
    }

    /// <summary>Adds a non-negative amount; a negative or NaN amount is a programming error and throws.</summary>
    public void Add(double delta)
    {
        if (!(delta >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(delta), delta, "counters can only increase");
        }
        if (delta == Math.Floor(delta) && delta < long.MaxValue / 2)
        {
            Interlocked.Add(ref _whole, (long)delta);
            return;
        }
        AtomicDouble.Add(ref _fractionBits, delta);
    }

    public double Value => Interlocked.Read(ref _whole) + AtomicDouble.Read(ref _fractionBits);

    void IMetricChild.WriteSamples(ExpositionWriter writer, string name, Label[] labels) =>
        writer.WriteSample(name, labels, Value);
}
