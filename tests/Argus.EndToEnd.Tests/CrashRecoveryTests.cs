using System.Globalization;
using System.Text.Json;

namespace Argus.EndToEnd.Tests;

/// <summary>
/// The real binary killed with SIGKILL while it ingests, then restarted: everything a query saw before the
/// crash is still there, and a WAL whose tail was torn by the crash (simulated by appending garbage to the
/// last segment) does not prevent the restart.
/// </summary>
public sealed class CrashRecoveryTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("argus-e2e-crash-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_killed_server_restarts_with_every_sample_it_had_acknowledged()
    {
        var port = LoopbackPort.Free();
        await File.WriteAllTextAsync(Path.Combine(_dir, "argus.yml"), $$"""
            global:
              scrape_interval: 200ms
              scrape_timeout: 200ms
            scrape_configs:
              - job_name: argus
                static_configs: [{ targets: ["127.0.0.1:{{port}}"] }]
              - job_name: node
                metrics_path: /metrics/host
                static_configs: [{ targets: ["127.0.0.1:{{port}}"] }]
            """);
        string[] args = ["--config.file=argus.yml", "--storage.tsdb.path=data", $"--web.listen-address=127.0.0.1:{port}"];

        double at;
        double scrapesBefore;
        double seriesBefore;
        await using (var argus = await ArgusProcess.StartAsync(_dir, args))
        {
            await QueryApi.WaitForAsync(argus.Http, "count_over_time(up{job=\"node\"}[1h]) >= 10", r => r.GetArrayLength() == 1);
            // A moment whose samples are all committed when the queries below run: the samples up to it must
            // survive the crash. A scrape is stamped with its start time and commits up to a timeout later, so a
            // moment taken "now" could still gain a sample after the query; three seconds back cannot.
            at = Math.Round((DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 3_000) / 1000.0, 3);
            scrapesBefore = Value(await QueryApi.QueryAsync(argus.Http, "count_over_time(up{job=\"node\"}[1h])", at));
            seriesBefore = Value(await QueryApi.QueryAsync(argus.Http, "count({job=\"node\"})", at));
            argus.Signal("KILL");
            Assert.NotEqual(0, await argus.WaitForExitAsync(TimeSpan.FromSeconds(20)));
        }

        // The crash left a torn record at the end of the newest WAL segment.
        var segments = Directory.GetFiles(Path.Combine(_dir, "data", "wal"))
            .Where(f => Path.GetFileName(f).All(char.IsAsciiDigit))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.NotEmpty(segments);
        await using (var tail = new FileStream(segments[^1], FileMode.Append, FileAccess.Write))
        {
            await tail.WriteAsync(new byte[] { 0x01, 0x00, 0x00, 0x40, 0xde, 0xad, 0xbe, 0xef, 0x13, 0x37 });
        }

        await using (var argus = await ArgusProcess.StartAsync(_dir, args))
        {
            Assert.Equal(scrapesBefore, Value(await QueryApi.QueryAsync(argus.Http, "count_over_time(up{job=\"node\"}[1h])", at)));
            Assert.Equal(seriesBefore, Value(await QueryApi.QueryAsync(argus.Http, "count({job=\"node\"})", at)));
            // The cut was logged and counted, and the server ingests again.
            var metrics = await argus.WaitForMetricsAsync(body => body.Contains("argus_tsdb_wal_corruptions_total 1", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
            Assert.Contains("argus_tsdb_wal_corruptions_total 1", metrics, StringComparison.Ordinal);
            await QueryApi.WaitForAsync(argus.Http, $"count_over_time(up{{job=\"node\"}}[1h]) > {scrapesBefore.ToString(CultureInfo.InvariantCulture)}", r => r.GetArrayLength() == 1);
        }
    }

    private static double Value(JsonElement result)
    {
        Assert.Equal(1, result.GetArrayLength());
        return double.Parse(result[0].GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);
    }
}
