using System.Globalization;
using Argus.Instrumentation.Collectors;
using Argus.Instrumentation.Metrics;

namespace Argus.Instrumentation.Tests;

public class CollectorTests
{
    private static double ValueOf(string exposition, string sampleName)
    {
        foreach (var line in exposition.Split('\n'))
        {
            if (line.StartsWith(sampleName + " ", StringComparison.Ordinal))
            {
                return double.Parse(line[(sampleName.Length + 1)..], CultureInfo.InvariantCulture);
            }
        }
        throw new Xunit.Sdk.XunitException($"no sample {sampleName} in:\n{exposition}");
    }

    [Fact]
    public void Process_metrics_have_plausible_values()
    {
        var registry = new MetricsRegistry();
        ProcessCollector.Register(registry);
        var output = registry.WriteToString();
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var start = ValueOf(output, "process_start_time_seconds");
        Assert.InRange(start, now - 3600, now + 1);
        Assert.True(ValueOf(output, "process_resident_memory_bytes") > 1_000_000);
        Assert.True(ValueOf(output, "process_virtual_memory_bytes") >= ValueOf(output, "process_resident_memory_bytes"));
        Assert.True(ValueOf(output, "process_cpu_seconds_total") > 0);
        Assert.Contains("# TYPE process_cpu_seconds_total counter\n", output);
        if (OperatingSystem.IsLinux())
        {
            Assert.InRange(ValueOf(output, "process_open_fds"), 3, ValueOf(output, "process_max_fds"));
        }
    }

    [Fact]
    public void Proc_stat_fields_are_counted_after_a_command_name_with_spaces_and_parentheses()
    {
        var line = "1234 (my (odd) cmd) S 1 2 3 4 5 6 7 8 9 10 111 222 13 14 15 16 17 18 999 4096 300 18446744073709551615";
        var stat = ProcStat.Parse(line);
        Assert.Equal(111, stat.UserTicks);
        Assert.Equal(222, stat.SystemTicks);
        Assert.Equal(999, stat.StartTicks);
        Assert.Equal(4096, stat.VirtualBytes);
        Assert.Equal(300, stat.ResidentPages);
    }

    [Fact]
    public void Runtime_metrics_include_every_gc_generation_and_the_thread_pool()
    {
        var registry = new MetricsRegistry();
        RuntimeCollector.Register(registry);
        var output = registry.WriteToString();
        for (var g = 0; g <= GC.MaxGeneration; g++)
        {
            Assert.Contains($"dotnet_gc_collections_total{{generation=\"{g}\"}} ", output);
        }
        Assert.True(ValueOf(output, "dotnet_gc_allocated_bytes_total") > 0);
        Assert.True(ValueOf(output, "dotnet_threadpool_threads") >= 1);
        Assert.True(ValueOf(output, "dotnet_threadpool_queue_length") >= 0);
    }

    [Fact]
    public void Build_info_is_one_labelled_by_the_build()
    {
        var info = new BuildInfo("1.2.3", "abc123", "main", "10.0.0");
        var registry = new MetricsRegistry();
        info.Register(registry);
        Assert.Contains("argus_build_info{branch=\"main\",dotnetversion=\"10.0.0\",revision=\"abc123\",version=\"1.2.3\"} 1\n", registry.WriteToString());
    }

    [Fact]
    public void Build_info_falls_back_to_unknown_when_the_assembly_has_no_stamp()
    {
        var info = BuildInfo.FromAssembly(typeof(CollectorTests).Assembly);
        Assert.Equal(Environment.Version.ToString(), info.DotnetVersion);
        Assert.False(string.IsNullOrEmpty(info.Version));
        Assert.Equal(BuildInfo.Unknown, info.Branch);
        Assert.DoesNotContain('+', info.Version);
    }
}
