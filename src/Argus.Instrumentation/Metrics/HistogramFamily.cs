using Argus.Instrumentation.Exposition;
using LabelNameRules = Argus.Model.Labels.LabelNames;

namespace Argus.Instrumentation.Metrics;

/// <summary>Histograms sharing a name, label names and bucket bounds.</summary>
public sealed class HistogramFamily : ChildFamily<Histogram>
{
    /// <summary>Go client's default buckets, suited to request latencies in seconds.</summary>
    public static readonly double[] DefaultBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly double[] _upperBounds;
    private readonly string[] _boundTexts;

    /// <param name="upperBounds">Strictly increasing finite bucket bounds; +Inf is implicit (a trailing
    /// +Inf is accepted and dropped).</param>
    public HistogramFamily(string name, string help, double[] upperBounds, params string[] labelNames)
        : base(name, help, MetricType.Histogram, labelNames)
    {
        if (labelNames.Contains(LabelNameRules.BucketBound))
        {
            throw new ArgumentException($"histogram {name} cannot have a label named \"le\"", nameof(labelNames));
        }
        var bounds = upperBounds.Length > 0 && double.IsPositiveInfinity(upperBounds[^1]) ? upperBounds[..^1] : [.. upperBounds];
        for (var i = 0; i < bounds.Length; i++)
        {
            if (!double.IsFinite(bounds[i]) || (i > 0 && bounds[i] <= bounds[i - 1]))
            {
                throw new ArgumentException($"histogram {name} bucket bounds must be finite and strictly increasing", nameof(upperBounds));
            }
        }
        _upperBounds = bounds;
        _boundTexts = [.. bounds.Select(ExpositionWriter.FormatValue)];
    }

    public IReadOnlyList<double> UpperBounds => _upperBounds;

    protected override Histogram CreateChild() => new(_upperBounds, _boundTexts);

    /// <summary><paramref name="count"/> bounds starting at <paramref name="start"/>, each
    /// <paramref name="factor"/> times the previous.</summary>
    public static double[] ExponentialBuckets(double start, double factor, int count)
    {
        if (start <= 0 || factor <= 1 || count < 1)
        {
            throw new ArgumentException("exponential buckets need start > 0, factor > 1 and count >= 1");
        }
        var bounds = new double[count];
        for (var i = 0; i < count; i++)
        {
            bounds[i] = start * Math.Pow(factor, i);
        }
        return bounds;
    }
}
