using Argus.Model;
using Argus.Scrape.Scraping;
using Argus.Scrape.Targets;
using Argus.Scrape.Tests.Support;

namespace Argus.Scrape.Tests.Targets;

public sealed class ScrapeManagerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("argus-sd-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("timed out waiting for " + what);
            }
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task Static_targets_are_scraped_and_a_reload_keeps_unchanged_loops()
    {
        await using var server = new FakeHttpServer(_ => FakeHttpResponse.Text("a 1\n"));
        var storage = new RecordingAppendable();
        await using var manager = new ScrapeManager(storage, new ScrapeStats());
        var yaml = $"""
            - job_name: j
              scrape_interval: 2s
              scrape_timeout: 2s
              static_configs:
                - targets: ['{server.Address}']
            """;
        await manager.ApplyConfigAsync([Configs.Job(yaml)]);
        var pool = Assert.Single(manager.Pools);
        var target = Assert.Single(pool.ActiveTargets);
        await WaitForAsync(() => target.LastReport is not null, "the first scrape");
        Assert.Equal(TargetHealth.Up, target.LastReport!.Health);

        await manager.ApplyConfigAsync([Configs.Job(yaml)]);
        Assert.Same(target.Loop, Assert.Single(manager.Pools).ActiveTargets.Single().Loop);
        // The reload itself writes no staleness markers; only a scrape that failed (a timeout on a busy
        // machine) may have written some, and then an up=0 sample says so.
        var failedScrape = storage.Committed.Any(s => s.Labels.MetricName == "up" && s.Value == 0);
        Assert.True(failedScrape || !storage.Committed.Any(s => StaleNaN.Is(s.Value)));

        // A changed target (new label) replaces the loop; the old one's series are marked stale.
        await manager.ApplyConfigAsync([Configs.Job(yaml + "\n      labels: {env: x}")]);
        var replaced = Assert.Single(manager.Pools).ActiveTargets.Single();
        Assert.NotSame(target.Loop, replaced.Loop);
        Assert.Equal("x", replaced.Options.TargetLabels.Get("env"));
        Assert.Contains(storage.Committed, s => s.Labels.MetricName == "up" && StaleNaN.Is(s.Value) && s.Labels.Get("env") == "");

        await manager.ApplyConfigAsync([]);
        Assert.Empty(manager.Pools);
    }

    [Fact]
    public async Task File_discovery_follows_file_changes_and_keeps_the_last_good_set()
    {
        var file = Path.Combine(_dir, "targets.json");
        await File.WriteAllTextAsync(file, """[{"targets": ["h1:1"], "labels": {"team": "a"}}]""");
        await using var manager = new ScrapeManager(new RecordingAppendable(), new ScrapeStats());
        await manager.ApplyConfigAsync([Configs.Job($"""
            - job_name: files
              scrape_interval: 1h
              file_sd_configs:
                - files: ['{_dir}/*.json']
                  refresh_interval: 1h
            """)]);
        var pool = manager.Pools.Single();
        var target = pool.ActiveTargets.Single();
        Assert.Equal("h1:1", target.Options.Address);
        Assert.Equal(file, target.DiscoveredLabels.Get("__meta_filepath"));
        Assert.Equal("a", target.Options.TargetLabels.Get("team"));

        await File.WriteAllTextAsync(file, "- targets: ['h2:2']\n");
        await File.WriteAllTextAsync(Path.Combine(_dir, "more.yml"), "- targets: ['ignored:1']\n");
        await WaitForAsync(() => pool.ActiveTargets.Count == 1 && pool.ActiveTargets[0].Options.Address == "h2:2", "the file change");

        await File.WriteAllTextAsync(file, "this is [not valid");
        await Task.Delay(500);
        Assert.Equal("h2:2", Assert.Single(pool.ActiveTargets).Options.Address);
    }

    [Fact]
    public async Task Http_discovery_reads_groups_and_keeps_them_when_the_endpoint_fails()
    {
        var body = """[{"targets": ["h1:1"], "labels": {"dc": "x"}}]""";
        var status = 200;
        await using var sd = new FakeHttpServer(_ => new FakeHttpResponse(status, "application/json", System.Text.Encoding.UTF8.GetBytes(body)));
        await using var manager = new ScrapeManager(new RecordingAppendable(), new ScrapeStats());
        var config = Configs.Job($"""
            - job_name: http
              scrape_interval: 1h
              http_sd_configs:
                - url: http://{sd.Address}/sd
                  refresh_interval: 200ms
                  authorization:
                    credentials: secret
            """);
        await manager.ApplyConfigAsync([config]);
        var pool = manager.Pools.Single();
        var target = pool.ActiveTargets.Single();
        Assert.Equal($"http://{sd.Address}/sd", target.DiscoveredLabels.Get("__meta_url"));
        Assert.Equal("x", target.Options.TargetLabels.Get("dc"));
        Assert.Contains("Authorization: Bearer secret", sd.Requests[0], StringComparison.Ordinal);

        status = 500;
        await Task.Delay(600);
        Assert.Equal("h1:1", Assert.Single(pool.ActiveTargets).Options.Address);

        status = 200;
        body = """[{"targets": ["h2:2"]}]""";
        await WaitForAsync(() => pool.ActiveTargets.Count == 1 && pool.ActiveTargets[0].Options.Address == "h2:2", "the new HTTP SD answer");
    }

    [Fact]
    public async Task Exceeding_the_target_limit_scrapes_nothing_and_says_why()
    {
        await using var manager = new ScrapeManager(new RecordingAppendable(), new ScrapeStats());
        await manager.ApplyConfigAsync([Configs.Job("""
            - job_name: j
              scrape_interval: 1h
              target_limit: 1
              static_configs:
                - targets: ['a:1', 'b:1']
            """)]);
        var pool = manager.Pools.Single();
        Assert.Empty(pool.ActiveTargets);
        Assert.Equal("target_limit exceeded (number of targets: 2, limit: 1)", pool.TargetLimitError);
    }
}
