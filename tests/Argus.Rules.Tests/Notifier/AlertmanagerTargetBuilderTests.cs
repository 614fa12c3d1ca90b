using Argus.Config;
using Argus.Config.Discovery;
using Argus.Model.Labels;
using Argus.Rules.Notifier;

namespace Argus.Rules.Tests.Notifier;

public sealed class AlertmanagerTargetBuilderTests
{
    [Theory]
    [InlineData("", "/api/v2/alerts")]
    [InlineData("/", "/api/v2/alerts")]
    [InlineData("am", "/am/api/v2/alerts")]
    [InlineData("/am/", "/am/api/v2/alerts")]
    [InlineData("/a//b/./c", "/a/b/c/api/v2/alerts")]
    public void The_alerts_path_joins_the_prefix_like_go_path_join(string prefix, string expected) =>
        Assert.Equal(expected, AlertmanagerTargetBuilder.AlertsPath(prefix));

    [Theory]
    [InlineData("http", "am.example", "http://am.example:80/api/v2/alerts")]
    [InlineData("https", "am.example", "https://am.example:443/api/v2/alerts")]
    [InlineData("https", "am.example:9093", "https://am.example:9093/api/v2/alerts")]
    [InlineData("http", "[::1]", "http://[::1]:80/api/v2/alerts")]
    [InlineData("http", "[::1]:9093", "http://[::1]:9093/api/v2/alerts")]
    public void A_missing_port_comes_from_the_scheme(string scheme, string address, string expected)
    {
        var config = PrometheusConfigLoader.Load($$"""
            alerting:
              alertmanagers:
                - scheme: {{scheme}}
            """, "p.yml").Alerting.Alertmanagers[0];
        var targets = AlertmanagerTargetBuilder.Build(config, [Group(address)]);

        var active = Assert.Single(targets.Active);
        Assert.Equal(expected, active.Url.OriginalString);
        Assert.Empty(targets.Errors);
    }

    [Fact]
    public void A_relabelled_unknown_scheme_without_port_and_an_address_with_a_path_are_errors()
    {
        var config = PrometheusConfigLoader.Load("""
            alerting:
              alertmanagers:
                - relabel_configs:
                    - { source_labels: [__address__], regex: 'plain', target_label: __scheme__, replacement: ftp }
            """, "p.yml").Alerting.Alertmanagers[0];
        var targets = AlertmanagerTargetBuilder.Build(config, [Group("plain"), Group("host:1/path")]);

        Assert.Empty(targets.Active);
        Assert.Equal(["invalid scheme: \"ftp\"", "\"host:1/path\" is not a valid hostname"], targets.Errors);
    }

    [Fact]
    public void Duplicate_urls_are_sent_to_once()
    {
        var config = PrometheusConfigLoader.Load("alerting: { alertmanagers: [ { scheme: http } ] }", "p.yml").Alerting.Alertmanagers[0];
        var targets = AlertmanagerTargetBuilder.Build(config, [Group("a:1"), Group("a:1"), Group("b:1")]);

        Assert.Equal(["http://a:1/api/v2/alerts", "http://b:1/api/v2/alerts"], targets.Active.Select(t => t.Url.AbsoluteUri));
    }

    private static TargetGroup Group(string address) => new() { Targets = [LabelSet.FromPairs(LabelNames.Address, address)] };
}
