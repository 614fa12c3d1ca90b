namespace Argus.LoadTool.Data;

/// <summary>How a generated series' value evolves from one sample to the next.</summary>
internal enum SeriesKind : byte
{
    /// <summary>Monotonic counter: a steady rate plus bounded jitter, never decreasing.</summary>
    Counter,

    /// <summary>Gauge doing a bounded random walk.</summary>
    Gauge,

    /// <summary>Cumulative histogram bucket (or _count): a counter whose increment is a fixed share of the family's observations.</summary>
    HistogramBucket,

    /// <summary>Histogram _sum: grows with the family's observations times a mean.</summary>
    HistogramSum,
}
