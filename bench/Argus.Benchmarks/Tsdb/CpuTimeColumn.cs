using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Argus.Benchmarks.Tsdb;

/// <summary>Shows the median process CPU time per operation that a benchmark recorded through <see cref="CpuTime"/>
/// (in-process runs only: the column reads what the benchmark stored in this process).</summary>
internal sealed class CpuTimeColumn : IColumn
{
    public string Id => "CpuTime";

    public string ColumnName => "CPU/op";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Median process CPU time (all threads, user + system) per operation, from getrusage";

    public static string Key(string method, params object[] parameters) =>
        method + "/" + string.Join(",", parameters.Select(p => Convert.ToString(p, CultureInfo.InvariantCulture)));

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var key = Key(benchmarkCase.Descriptor.WorkloadMethod.Name, [.. benchmarkCase.Parameters.Items.Select(p => p.Value)]);
        if (CpuTime.Median(key) is not { } ns)
        {
            return "-";
        }
        return ns >= 1e6 ? (ns / 1e6).ToString("N1", CultureInfo.InvariantCulture) + " ms" : ns.ToString("N1", CultureInfo.InvariantCulture) + " ns";
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    /// <summary>Config that adds the column; apply with <c>[Config(typeof(CpuTimeColumn.Config))]</c>.</summary>
    public sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new CpuTimeColumn());
    }
}
