using System.Globalization;

namespace Argus.EndToEnd.Tests;

/// <summary>The real binary as <c>argus agent --host-collector</c>: a node exporter, judged by promtool.</summary>
public sealed class AgentTests : IDisposable
{
    private static readonly Dictionary<string, string> NoTargetLabels = [];
    private readonly string _dir = Directory.CreateTempSubdirectory("argus-e2e-agent-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task The_host_collector_agent_serves_node_exporter_metrics_and_stops_on_SIGTERMAsync()
    {
        await using var agent = await ArgusProcess.StartAsync(_dir, "agent", "--host-collector");
        var metrics = await agent.Http.GetStringAsync("/metrics");
        // Every sample line parses; the host's series and the agent's own are both there.
        var series = ExposedSeries.FromExposition(metrics, ".+", NoTargetLabels);
        Assert.Equal(Environment.ProcessorCount, series.Keys.Count(k => k.StartsWith("node_cpu_seconds_total{", StringComparison.Ordinal) && k.Contains("mode=\"idle\"", StringComparison.Ordinal)));
        Assert.Contains("node_load1{}", series.Keys);
        Assert.Equal(MemTotalKilobytes() * 1024.0, series["node_memory_MemTotal_bytes{}"]);
        Assert.Contains(series.Keys, k => k.StartsWith("node_network_receive_bytes_total{device=\"lo\"", StringComparison.Ordinal));
        Assert.True(series["node_boot_time_seconds{}"] > 1e9);
        Assert.DoesNotContain(series, s => s.Key.StartsWith("node_scrape_collector_success{", StringComparison.Ordinal) && s.Value != 1);
        Assert.True(series["process_cpu_seconds_total{}"] > 0);
        Assert.Contains(series.Keys, k => k.StartsWith("argus_build_info{", StringComparison.Ordinal));

        // Prometheus' linter finds nothing but the camelCase names node_exporter itself has (node_memory_MemTotal_bytes...).
        var (code, lint) = await PrometheusPeer.PromtoolCheckMetricsAsync(metrics);
        Assert.True(code is 0 or 3, lint);
        Assert.All(lint.Split('\n', StringSplitOptions.RemoveEmptyEntries),
            line => Assert.Contains("should be written in 'snake_case' not 'camelCase'", line, StringComparison.Ordinal));

        var hostOnly = ExposedSeries.FromExposition(await agent.Http.GetStringAsync("/metrics/host"), ".+", NoTargetLabels);
        Assert.Contains("node_load1{}", hostOnly.Keys);
        Assert.DoesNotContain(hostOnly.Keys, k => !k.StartsWith("node_", StringComparison.Ordinal));

        agent.Signal("TERM");
        Assert.Equal(0, await agent.WaitForExitAsync(TimeSpan.FromSeconds(20)));
        Assert.Contains(agent.StderrLines, line => line.Contains("Shutting down: received SIGTERM", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_agent_without_a_mode_names_the_modes_and_exits_2Async()
    {
        var (exitCode, _, stderr) = await CliProcess.RunAsync(_dir, "agent");
        Assert.Equal(2, exitCode);
        Assert.Contains("no mode chosen; choose at least one of: --host-collector", stderr, StringComparison.Ordinal);
    }

    private static long MemTotalKilobytes()
    {
        var line = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }
}
