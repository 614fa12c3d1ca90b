namespace Argus.Benchmarks.Tsdb;

/// <summary>Restart with 1 000 000 active series (<see cref="RestartBenchmarkBase"/>), the target case.</summary>
/// <remarks>Run deliberately, alone: <c>--filter '*RestartMillionSeries*' --inProcess --job short</c>. Setup
/// appends 122 million samples (a minute or two on the 2-core machine) and the run needs about 3 GB of memory;
/// the <c>*RestartBenchmarks*</c> filter does not select it.</remarks>
public class RestartMillionSeriesBenchmarks : RestartBenchmarkBase
{
    protected override int SeriesCount => 1_000_000;
}
