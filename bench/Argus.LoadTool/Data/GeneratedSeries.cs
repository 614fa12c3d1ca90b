namespace Argus.LoadTool.Data;

/// <summary>
/// One generated series: its labels as name/value pairs sorted by name (the order remote write requires),
/// how its value evolves, and, for histogram series, the share of observations that land in its bucket.
/// </summary>
internal sealed record GeneratedSeries(string[] LabelPairs, SeriesKind Kind, double BucketShare, int HistogramFamily)
{
    /// <summary>The metric name (the value of <c>__name__</c>, always the first pair).</summary>
    public string MetricName => LabelPairs[1];
}
