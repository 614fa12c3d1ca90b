namespace Argus.Model.Histograms;

/// <summary>Two histograms cannot be combined: one has custom bucket bounds and the other exponential
/// buckets, or their custom bounds differ.</summary>
public sealed class HistogramMismatchException : Exception
{
    public HistogramMismatchException()
    {
    }

    public HistogramMismatchException(string message)
        : base(message)
    {
    }

    public HistogramMismatchException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
