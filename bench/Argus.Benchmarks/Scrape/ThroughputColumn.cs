using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Argus.Benchmarks.Scrape;

/// <summary>Adds MB/s and samples/s columns to benchmarks whose operation is one sample
/// (<c>OperationsPerInvoke = samples</c>) of a body of known size.</summary>
internal sealed class ThroughputColumn(string name, Func<double, double> fromNanosPerSample) : IColumn
{
    public static readonly ThroughputColumn SamplesPerSecond = new("Samples/s", ns => 1e9 / ns);

    public static ThroughputColumn MegabytesPerSecond(double bytesPerSample) => new("MB/s", ns => bytesPerSample / ns * 1e9 / 1e6);

    public string Id => "Throughput." + name;

    public string ColumnName => name;

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => $"{name} derived from the mean time per sample";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var report = summary[benchmarkCase];
        return report?.ResultStatistics is { } stats ? fromNanosPerSample(stats.Mean).ToString("N0", System.Globalization.CultureInfo.InvariantCulture) : "-";
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
