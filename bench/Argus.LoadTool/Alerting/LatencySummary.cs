using System.Globalization;

namespace Argus.LoadTool.Alerting;

/// <summary>Median and tail of a set of latencies in milliseconds (nearest-rank percentiles).</summary>
internal readonly record struct LatencySummary(int Count, double MedianMs, double P90Ms, double P99Ms, double MaxMs)
{
    public static LatencySummary Of(List<double> latenciesMs)
    {
        if (latenciesMs.Count == 0)
        {
            return default;
        }
        var sorted = latenciesMs.ToArray();
        Array.Sort(sorted);
        return new LatencySummary(sorted.Length, Rank(sorted, 0.5), Rank(sorted, 0.9), Rank(sorted, 0.99), sorted[^1]);
    }

    private static double Rank(double[] sorted, double quantile) =>
        sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)];

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"median_ms={MedianMs:F3} p90_ms={P90Ms:F3} p99_ms={P99Ms:F3} max_ms={MaxMs:F3}");
}
