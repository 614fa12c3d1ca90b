using Argus.Config.Tests.Conformance;

namespace Argus.Config.Tests;

public class PrometheusConfigDumpTests
{
    [Fact]
    public void The_dump_shows_defaults_and_hides_secrets()
    {
        var config = PrometheusConfigLoader.Load("""
            scrape_configs:
              - job_name: api
                basic_auth: {username: u, password: hunter2}
                static_configs: [{targets: ['a:80'], labels: {env: prod}}]
                relabel_configs:
                  - source_labels: [__address__]
                    target_label: instance
            remote_write:
              - url: http://r/push
                authorization: {credentials: token}
            """, "prometheus.yml");
        var yaml = config.ToYaml();
        Assert.Contains("scrape_interval: 1m", yaml, StringComparison.Ordinal);
        Assert.Contains("scrape_timeout: 10s", yaml, StringComparison.Ordinal);
        Assert.Contains("metrics_path: /metrics", yaml, StringComparison.Ordinal);
        Assert.Contains("honor_timestamps: true", yaml, StringComparison.Ordinal);
        Assert.Contains("password: <secret>", yaml, StringComparison.Ordinal);
        Assert.Contains("credentials: <secret>", yaml, StringComparison.Ordinal);
        Assert.Contains("source_labels: [__address__]", yaml, StringComparison.Ordinal);
        Assert.Contains("capacity: 10000", yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("token", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_good_fixture_dumps_to_yaml_that_loads_to_the_same_dump()
    {
        var root = ConformancePaths.PrometheusConfig;
        var checkedFiles = 0;
        foreach (var line in File.ReadLines(Path.Combine(root, "MANIFEST.tsv")))
        {
            var columns = line.Split('\t');
            if (columns.Length < 2 || columns[1] != "accept")
            {
                continue;
            }
            PrometheusConfig config;
            try
            {
                config = PrometheusConfigLoader.LoadFile(Path.Combine(root, columns[0]));
            }
            catch (ConfigException e) when (e.Message.Contains("is not supported by Argus yet", StringComparison.Ordinal))
            {
                continue;
            }
            var first = config.ToYaml();
            var reloaded = PrometheusConfigLoader.Load(first, columns[0] + " (dump)", root);
            Assert.Equal(first, reloaded.ToYaml());
            checkedFiles++;
        }
        Assert.True(checkedFiles > 30, $"only {checkedFiles} fixtures checked");
    }
}
