namespace Argus.Benchmarks.Tsdb;

/// <summary>Restart with 100 000 active series (<see cref="RestartBenchmarkBase"/>); a few seconds of setup.</summary>
/// <remarks>Run with <c>--filter '*RestartBenchmarks*' --inProcess --job short</c>.</remarks>
public class RestartBenchmarks : RestartBenchmarkBase
{
    protected override int SeriesCount => 100_000;
}
