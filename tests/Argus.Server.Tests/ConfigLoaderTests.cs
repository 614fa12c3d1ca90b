using Argus.Server.Config;

namespace Argus.Server.Tests;

public class ConfigLoaderTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UnixEpoch;

    [Fact]
    public void A_valid_configuration_lists_its_sections()
    {
        var config = ConfigLoader.Parse("global:\n  scrape_interval: 1m\nscrape_configs: []\nrule_files: []\n", "p.yml", Now);
        Assert.Equal(["global", "scrape_configs", "rule_files"], config.TopLevelKeys);
        Assert.Equal("p.yml", config.Source);
    }

    [Fact]
    public void An_empty_file_is_a_valid_configuration()
    {
        Assert.Empty(ConfigLoader.Parse("", "p.yml", Now).TopLevelKeys);
    }

    [Theory]
    [InlineData("global: {}\nunknown: 1\n", "p.yml:2:1: field unknown not found")]
    [InlineData("global: [\n", "p.yml:")]
    [InlineData("- a\n- b\n", "p.yml:1:1: the configuration must be a mapping")]
    [InlineData("global: {}\nglobal: {}\n", "p.yml:2:1:")]
    [InlineData("global: {}\n---\nglobal: {}\n", "single YAML document")]
    public void Invalid_configurations_are_rejected_with_position(string yaml, string expected)
    {
        var ex = Assert.Throws<ConfigLoadException>(() => ConfigLoader.Parse(yaml, "p.yml", Now));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_embedded_default_scrapes_argus_itself_every_15_seconds()
    {
        var text = ConfigSource.RenderEmbedded("localhost:9191", "/prefix");
        Assert.Contains("scrape_interval: 15s", text, StringComparison.Ordinal);
        Assert.Contains("\"localhost:9191\"", text, StringComparison.Ordinal);
        Assert.Contains("metrics_path: \"/prefix/metrics\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("${", text, StringComparison.Ordinal);
        var config = ConfigLoader.Parse(text, ConfigSource.EmbeddedName, Now);
        Assert.Contains("scrape_configs", config.TopLevelKeys);
        Assert.Contains("metrics_path: \"/metrics\"", ConfigSource.RenderEmbedded("localhost:9090", "/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_is_reported_with_its_nameAsync()
    {
        var ex = await Assert.ThrowsAsync<ConfigLoadException>(() =>
            ConfigLoader.LoadAsync(ConfigSource.FromFile("/nonexistent/argus.yml"), TimeProvider.System, CancellationToken.None));
        Assert.StartsWith("/nonexistent/argus.yml: cannot read configuration", ex.Message, StringComparison.Ordinal);
    }
}
