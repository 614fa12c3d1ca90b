using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Argus.Benchmarks.Tsdb;

/// <summary>Restart with 1 000 000 active series (<see cref="RestartBenchmarkBase"/>), the target case.</summary>
/// <remarks>Run deliberately, alone and without <c>--inProcess</c>/<c>--job</c> (the class brings its own in-process
/// short job with a long timeout): <c>--filter '*RestartMillionSeries*'</c>. Setup appends up to 122 million
/// samples (several minutes on the 2-core machine) and the run needs about 4 GB of memory; the
/// <c>*RestartBenchmarks*</c> filter does not select it.</remarks>
[Config(typeof(LongInProcessConfig))]
public class RestartMillionSeriesBenchmarks : RestartBenchmarkBase
{
    protected override int SeriesCount => 1_000_000;

    /// <summary>BenchmarkDotNet's in-process toolchain gives up after a few minutes per case; setup alone takes longer here.
    /// This attribute replaces the base class's config, so the CPU-time column is added again.</summary>
    private sealed class LongInProcessConfig : ManualConfig
    {
        public LongInProcessConfig()
        {
            AddJob(Job.ShortRun.WithToolchain(new InProcessEmitToolchain(TimeSpan.FromHours(2), logOutput: true)));
            AddColumn(new CpuTimeColumn());
        }
    }
}
