using Argus.Config;

namespace Argus.Scrape.Tests.Support;

/// <summary>Scrape configs for tests, loaded through the real config loader.</summary>
internal static class Configs
{
    public static ScrapeConfig Job(string yamlBody)
    {
        var yaml = "scrape_configs:\n" + string.Join('\n', yamlBody.Split('\n').Select(l => "  " + l));
        return PrometheusConfigLoader.Load(yaml, "test.yml", Path.GetTempPath()).ScrapeConfigs.Single();
    }
}
