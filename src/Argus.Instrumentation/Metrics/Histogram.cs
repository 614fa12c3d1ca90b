using Argus.Instrumentation.Exposition;
using Argus.Model.Labels;

namespace Argus.Instrumentation.Metrics;

/// <summary>
/// Counts observations into buckets with inclusive upper bounds and keeps their sum; exposed as
/// cumulative <c>_bucket{le}</c> series plus <c>_sum</c> and <c>_count</c>.
/// </summary>
/// <remarks>
/// Thread-safe and lock-free: each observation is one interlocked increment of a per-bucket count
/// and one CAS add to the sum. A scrape that races an observation may see the bucket counted but not
/// yet the sum; <c>_count</c> is always the sum of the buckets written, so it matches <c>le="+Inf"</c>.
/// </remarks>
public sealed class Histogram : IMetricChild
{
    private readonly double[] _upperBounds;
    private readonly string[] _boundTexts;
    // One slot per bound plus the implicit +Inf bucket; counts are per bucket, not cumulative.
    private readonly long[] _counts;
    private long _sumBits;

    internal Histogram(double[] upperBounds, string[] boundTexts)
    {
        _upperBounds = upperBounds;
        _boundTexts = boundTexts;
        _counts = new long[upperBounds.Length + 1];
    }

    public void Observe(double value)
    {
        // First bound >= value; NaN compares false everywhere and so lands in +Inf, as in Go's client.
        var index = 0;
        while (index < _upperBounds.Length && !(value <= _upperBounds[index]))
        {
            index++;
        }
        Interlocked.Increment(ref _counts[index]);
        AtomicDouble.Add(ref _sumBits, value);
    }

    public double Sum => AtomicDouble.Read(ref _sumBits);

    public long Count
    {
        get
        {
            long total = 0;
            for (var i = 0; i < _counts.Length; i++)
            {
                total += Interlocked.Read(ref _counts[i]);
            }
            return total;
        }
    }

    void IMetricChild.WriteSamples(ExpositionWriter writer, string name, Label[] labels)
    {
        var withBound = new Label[labels.Length + 1];
        labels.CopyTo(withBound, 0);
        var bucketName = name + "_bucket";
        long cumulative = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            cumulative += Interlocked.Read(ref _counts[i]);
            withBound[^1] = new Label(LabelNames.BucketBound, i < _boundTexts.Length ? _boundTexts[i] : "+Inf");
            writer.WriteSample(bucketName, withBound, cumulative);
        }
        writer.WriteSample(name + "_sum", labels, Sum);
        writer.WriteSample(name + "_count", labels, cumulative);
    }
}
