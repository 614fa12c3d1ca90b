using Argus.Config;
using Argus.Server.Config;

namespace Argus.Server.Tests;

public class ConfigLoaderTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UnixEpoch;

    [Fact]
    public void A_valid_configuration_is_parsed_with_defaults()
    {
        var loaded = ConfigLoader.Parse("global:\n  scrape_interval: 1m\nscrape_configs:\n  - job_name: a\n", "p.yml", null, Now);
        Assert.Equal("p.yml", loaded.Source);
        Assert.Equal(TimeSpan.FromMinutes(1), loaded.Config.Global.ScrapeInterval);
        Assert.Equal("a", Assert.Single(loaded.Config.ScrapeConfigs).JobName);
    }

    [Fact]
    public void An_empty_file_is_a_valid_configuration()
    {
        Assert.Empty(ConfigLoader.Parse("", "p.yml", null, Now).Config.ScrapeConfigs);
    }

    [Theory]
    [InlineData("global: {}\nunknown: 1\n", "p.yml:2:1:")]
    [InlineData("global:\n  scrape_interval: 1x\n", "p.yml:2:")]
    [InlineData("global: [\n", "p.yml:")]
    [InlineData("global: {}\nglobal: {}\n", "p.yml:2:1:")]
    public void Invalid_configurations_are_rejected_with_position(string yaml, string expected)
    {
        var ex = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(yaml, "p.yml", null, Now));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_embedded_default_scrapes_argus_its_host_and_pushed_groups_every_15_seconds()
    {
        var text = ConfigSource.RenderEmbedded("localhost:9191", "/prefix");
        Assert.DoesNotContain("${", text, StringComparison.Ordinal);
        var config = ConfigLoader.Parse(text, ConfigSource.EmbeddedName, null, Now).Config;
        Assert.Equal(TimeSpan.FromSeconds(15), config.Global.ScrapeInterval);
        Assert.Equal(
            [("argus", "/prefix/metrics", false), ("node", "/prefix/metrics/host", false), ("pushgateway", "/prefix/pushgateway/metrics", true)],
            config.ScrapeConfigs.Select(j => (j.JobName, j.MetricsPath, j.HonorLabels)));
        Assert.Contains("localhost:9191", config.ToYaml(), StringComparison.Ordinal);
        var unprefixed = ConfigLoader.Parse(ConfigSource.RenderEmbedded("localhost:9090", "/"), "x", null, Now).Config.ScrapeConfigs;
        Assert.Equal(["/metrics", "/metrics/host", "/pushgateway/metrics"], unprefixed.Select(j => j.MetricsPath));
    }

    [Fact]
    public async Task A_missing_file_is_reported_with_its_nameAsync()
    {
        var ex = await Assert.ThrowsAsync<ConfigException>(() =>
            ConfigLoader.LoadAsync(ConfigSource.FromFile("/nonexistent/argus.yml"), TimeProvider.System, CancellationToken.None));
        Assert.StartsWith("/nonexistent/argus.yml: cannot read configuration", ex.Message, StringComparison.Ordinal);
    }
}
