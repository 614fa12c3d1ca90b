using System.Globalization;
using System.Text;

namespace Argus.EndToEnd.Tests;

/// <summary>
/// Debian's real <c>promtool</c> (2.42) queries a running Argus: <c>query instant</c>, <c>query range</c>,
/// <c>query series</c> and <c>query labels</c> must print the expected lines for known data, and exactly what
/// they print against a real Prometheus holding the same data (each backfilled from one OpenMetrics file with
/// its own <c>create-blocks-from openmetrics</c>).
/// </summary>
public sealed class PromtoolQueryInteropTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("argus-e2e-promtool-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Promtool_queries_print_the_same_as_against_PrometheusAsync()
    {
        // An hour ago on the minute, so the data is inside both systems' retention; samples sit 7 ms off the
        // 15 s grid so no sample lies on a window boundary (Prometheus 2 includes it, 3 excludes it).
        var baseSeconds = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 3600) / 60 * 60;
        await File.WriteAllTextAsync(Path.Combine(_dir, "data.om"), KnownData(baseSeconds));
        var argusBackfill = await CliProcess.RunAsync(_dir, "tsdb", "create-blocks-from", "openmetrics", "data.om", "argus-data");
        Assert.True(argusBackfill.ExitCode == 0, argusBackfill.Stderr);
        var promBackfill = await PrometheusPeer.PromtoolAsync(_dir, "tsdb", "create-blocks-from", "openmetrics", "data.om", "prom-data");
        Assert.True(promBackfill.ExitCode == 0, promBackfill.Stderr);

        await File.WriteAllTextAsync(Path.Combine(_dir, "config.yml"), "global:\n  scrape_interval: 15s\n");
        await using var argus = await ArgusProcess.StartAsync(_dir, "--config.file=config.yml", "--storage.tsdb.path=argus-data");
        var promPort = LoopbackPort.Free();
        using var prometheus = PrometheusPeer.StartServer(_dir, "--config.file=config.yml", "--storage.tsdb.path=prom-data", $"--web.listen-address=127.0.0.1:{promPort}");
        try
        {
            var promUrl = $"http://127.0.0.1:{promPort}";
            await PrometheusPeer.WaitReadyAsync(promUrl, () => Assert.False(prometheus.HasExited, "prometheus exited early"));
            var argusUrl = argus.Http.BaseAddress!.ToString().TrimEnd('/');
            var at = Seconds(baseSeconds + 600);

            // Latest sample at or before the query time: step 39 (585 s after the start) of each counter.
            await AssertSameAsync(argusUrl, promUrl,
                ["query", "instant", "{0}", "demo_requests_total", "--time=" + at],
                $"demo_requests_total{{instance=\"a\", job=\"demo\"}} => 585 @[{at}]\ndemo_requests_total{{instance=\"b\", job=\"demo\"}} => 1170 @[{at}]\n");
            await AssertSameAsync(argusUrl, promUrl,
                ["query", "instant", "{0}", "sum by (job) (rate(demo_requests_total[5m]))", "--time=" + at], expected: null);
            await AssertSameAsync(argusUrl, promUrl,
                ["query", "instant", "{0}", "scalar(sum(demo_requests_total))", "--time=" + at],
                $"scalar: 1755 @[{at}]\n");
            // Every minute the gauge has advanced four samples of 0.5 since the start (20 + 0.5 × step).
            await AssertSameAsync(argusUrl, promUrl,
                ["query", "range", "{0}", "demo_temperature_celsius", "--start=" + Seconds(baseSeconds + 60), "--end=" + Seconds(baseSeconds + 240), "--step=1m"],
                "demo_temperature_celsius{instance=\"a\", job=\"demo\"} =>\n" +
                $"21.5 @[{Seconds(baseSeconds + 60)}]\n23.5 @[{Seconds(baseSeconds + 120)}]\n25.5 @[{Seconds(baseSeconds + 180)}]\n27.5 @[{Seconds(baseSeconds + 240)}]\n");
            await AssertSameAsync(argusUrl, promUrl,
                ["query", "range", "{0}", "rate(demo_requests_total[2m])", "--start=" + Seconds(baseSeconds + 300), "--end=" + at, "--step=30s"], expected: null);
            await AssertSameAsync(argusUrl, promUrl,
                ["query", "series", "{0}", "--match=demo_requests_total", "--start=" + Seconds(baseSeconds), "--end=" + at],
                "{__name__=\"demo_requests_total\", instance=\"a\", job=\"demo\"}\n{__name__=\"demo_requests_total\", instance=\"b\", job=\"demo\"}\n");
            await AssertSameAsync(argusUrl, promUrl,
                ["query", "series", "{0}", "--match={job=\"demo\", instance=\"a\"}", "--start=" + Seconds(baseSeconds), "--end=" + at],
                "{__name__=\"demo_requests_total\", instance=\"a\", job=\"demo\"}\n{__name__=\"demo_temperature_celsius\", instance=\"a\", job=\"demo\"}\n");
            await AssertSameAsync(argusUrl, promUrl,
                ["query", "labels", "{0}", "__name__", "--start=" + Seconds(baseSeconds), "--end=" + at],
                "demo_requests_total\ndemo_temperature_celsius\n");
            await AssertSameAsync(argusUrl, promUrl,
                ["query", "labels", "{0}", "instance", "--start=" + Seconds(baseSeconds), "--end=" + at],
                "a\nb\n");
        }
        finally
        {
            prometheus.Kill(entireProcessTree: true);
        }
    }

    /// <summary>Runs one promtool command (<c>{0}</c> stands for the server URL) against both servers: both
    /// succeed, print the same, and when given, exactly <paramref name="expected"/>.</summary>
    private async Task AssertSameAsync(string argusUrl, string promUrl, string[] args, string? expected)
    {
        var fromArgus = await PrometheusPeer.PromtoolAsync(_dir, [.. args.Select(a => a == "{0}" ? argusUrl : a)]);
        var fromPrometheus = await PrometheusPeer.PromtoolAsync(_dir, [.. args.Select(a => a == "{0}" ? promUrl : a)]);
        var command = "promtool " + string.Join(' ', args);
        Assert.True(fromPrometheus.ExitCode == 0, $"{command} against Prometheus: {fromPrometheus.Stderr}");
        Assert.True(fromArgus.ExitCode == 0, $"{command} against Argus: {fromArgus.Stderr}");
        Assert.False(string.IsNullOrWhiteSpace(fromPrometheus.Stdout), $"{command}: Prometheus printed nothing");
        if (expected is not null)
        {
            Assert.Equal(expected, fromPrometheus.Stdout);
        }
        Assert.Equal(fromPrometheus.Stdout, fromArgus.Stdout);
    }

    /// <summary>Two counters growing 15 (instance a) and 30 (instance b) per 15 s step and a gauge growing
    /// 0.5 per step, 41 steps from <paramref name="baseSeconds"/>, each sample 7 ms after its grid point.</summary>
    private static string KnownData(long baseSeconds)
    {
        var text = new StringBuilder();
        text.Append("# TYPE demo_requests counter\n");
        foreach (var (instance, perStep) in new[] { ("a", 15), ("b", 30) })
        {
            for (var step = 0; step <= 40; step++)
            {
                text.Append(CultureInfo.InvariantCulture, $"demo_requests_total{{instance=\"{instance}\",job=\"demo\"}} {step * perStep} {baseSeconds + (step * 15)}.007\n");
            }
        }
        text.Append("# TYPE demo_temperature_celsius gauge\n");
        for (var step = 0; step <= 40; step++)
        {
            text.Append(CultureInfo.InvariantCulture, $"demo_temperature_celsius{{instance=\"a\",job=\"demo\"}} {(20 + (step * 0.5)).ToString(CultureInfo.InvariantCulture)} {baseSeconds + (step * 15)}.007\n");
        }
        text.Append("# EOF\n");
        return text.ToString();
    }

    private static string Seconds(long seconds) => seconds.ToString(CultureInfo.InvariantCulture);
}
