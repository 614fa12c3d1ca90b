using System.Globalization;
using Argus.LoadTool;

namespace Argus.EndToEnd.Tests;

/// <summary>
/// Keeps the alert manager benchmark working (bench/am-compare.sh runs it at full size): each scenario of
/// <c>argus-load am</c>, on a tiny size, against a real <c>argus alertmanager</c> loaded with the configuration
/// <c>argus-load am-config</c> writes. The figures are not checked (timings belong in docs/benchmarks.md); what the
/// scenarios assert about delivery and suppression is.
/// </summary>
public sealed class AlertmanagerLoadToolTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("argus-e2e-amload-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static async Task<(int Exit, string Output, string Error)> LoadAsync(params string[] args)
    {
        var output = new StringWriter(CultureInfo.InvariantCulture);
        var error = new StringWriter(CultureInfo.InvariantCulture);
        var exit = await LoadToolCommand.RunAsync(args, output, error, CancellationToken.None);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Every_scenario_runs_against_argus_alertmanager_and_reports_what_it_measured()
    {
        var sink = "127.0.0.1:" + LoopbackPort.Free().ToString(CultureInfo.InvariantCulture);
        var (configExit, config, _) = await LoadAsync("am-config", "--sink", sink, "--flush-wait", "1s");
        Assert.Equal(0, configExit);
        await File.WriteAllTextAsync(Path.Combine(_dir, "am.yml"), config);
        await using var argus = await ArgusProcess.StartAsync(_dir, "alertmanager", "--config.file=am.yml", "--storage.path=am-data", "--cluster.listen-address=");
        var url = argus.Http.BaseAddress!.ToString();

        var ingest = await LoadAsync("am", "--scenario", "ingest", "--url", url, "--alerts", "2000", "--batch", "100", "--concurrency", "2");
        Assert.True(ingest.Exit == 0, ingest.Output + ingest.Error);
        Assert.Contains("alerts=2000 ", ingest.Output, StringComparison.Ordinal);
        Assert.Contains("failed_requests=0", ingest.Output, StringComparison.Ordinal);

        var latency = await LoadAsync("am", "--scenario", "latency", "--url", url, "--sink", sink, "--alerts", "20", "--timeout", "10s");
        Assert.True(latency.Exit == 0, latency.Output + latency.Error);
        Assert.Contains("delivered=20 missing=0 median_ms=", latency.Output, StringComparison.Ordinal);

        var flush = await LoadAsync("am", "--scenario", "flush", "--url", url, "--sink", sink, "--alerts", "300", "--batch", "50", "--timeout", "20s");
        Assert.True(flush.Exit == 0, flush.Output + flush.Error);
        Assert.Contains("groups=300 delivered=300 ", flush.Output, StringComparison.Ordinal);
        Assert.Contains("duplicates=0 ", flush.Output, StringComparison.Ordinal);

        var silences = await LoadAsync("am", "--scenario", "silences", "--url", url, "--silences", "100", "--alerts", "150");
        Assert.True(silences.Exit == 0, silences.Output + silences.Error);
        Assert.Contains("returned=150 suppressed=100 expected_suppressed=100", silences.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_alert_fails_the_run_with_the_servers_answer()
    {
        await File.WriteAllTextAsync(Path.Combine(_dir, "am.yml"), "route:\n  receiver: x\nreceivers:\n  - name: x\n");
        await using var argus = await ArgusProcess.StartAsync(_dir, "alertmanager", "--config.file=am.yml", "--storage.path=am-data", "--cluster.listen-address=");
        // Every request goes to a path the server does not serve: the run must fail and say what the server answered.
        var (exit, output, error) = await LoadAsync("am", "--scenario", "ingest", "--url", argus.Http.BaseAddress + "no-such-prefix/", "--alerts", "10", "--batch", "10");
        Assert.Equal(1, exit);
        Assert.Contains("failed_requests=1", output, StringComparison.Ordinal);
        Assert.Contains("404", error, StringComparison.Ordinal);
    }
}
