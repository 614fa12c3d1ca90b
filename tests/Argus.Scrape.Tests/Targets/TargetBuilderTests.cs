using Argus.Model.Labels;
using Argus.Scrape.Targets;
using Argus.Scrape.Tests.Support;

namespace Argus.Scrape.Tests.Targets;

public sealed class TargetBuilderTests
{
    [Fact]
    public void Defaults_and_group_labels_make_the_target_and_reserved_labels_are_removed()
    {
        var config = Configs.Job("""
            - job_name: node
              scrape_interval: 30s
              scrape_timeout: 5s
              metrics_path: /probe
              params: {module: [http_2xx, extra]}
              static_configs:
                - targets: ['a:9100']
                  labels: {env: prod}
            """);
        var target = TargetBuilder.Build(config, config.ServiceDiscovery.StaticConfigs).Single();
        var options = target.Options!;
        Assert.Equal(LabelSet.FromPairs("env", "prod", "instance", "a:9100", "job", "node"), options.TargetLabels);
        Assert.Equal("http://a:9100/probe?module=http_2xx&module=extra", options.Url.ToString());
        Assert.Equal(TimeSpan.FromSeconds(30), options.Interval);
        Assert.Equal(TimeSpan.FromSeconds(5), options.Timeout);
        Assert.Equal("30s", target.DiscoveredLabels.Get("__scrape_interval__"));
        Assert.Equal("http_2xx", target.DiscoveredLabels.Get("__param_module"));
    }

    [Fact]
    public void Relabeling_can_rewrite_address_scheme_params_and_drop_targets()
    {
        var config = Configs.Job("""
            - job_name: blackbox
              static_configs:
                - targets: ['https://example.com', 'drop.me']
              relabel_configs:
                - source_labels: [__address__]
                  regex: drop\.me
                  action: drop
                - source_labels: [__address__]
                  target_label: __param_target
                - source_labels: [__param_target]
                  target_label: instance
                - target_label: __address__
                  replacement: bb:9115
                - target_label: __scheme__
                  replacement: https
                - target_label: __scrape_interval__
                  replacement: 10s
            """);
        var targets = TargetBuilder.Build(config, config.ServiceDiscovery.StaticConfigs);
        Assert.True(targets[1].Dropped);
        var options = targets[0].Options!;
        Assert.Equal("https://bb:9115/metrics?target=https%3A%2F%2Fexample.com", options.Url.ToString());
        Assert.Equal("https://example.com", options.TargetLabels.Get("instance"));
        Assert.Equal(TimeSpan.FromSeconds(10), options.Interval);
        Assert.False(options.TargetLabels.Has("__param_target"));
    }

    [Fact]
    public void A_relabeled_away_address_or_bad_timeout_drops_the_target_with_a_reason()
    {
        var config = Configs.Job("""
            - job_name: j
              static_configs:
                - targets: ['a:1']
              relabel_configs:
                - action: labeldrop
                  regex: __address__
            """);
        Assert.Equal("no address", TargetBuilder.Build(config, config.ServiceDiscovery.StaticConfigs).Single().Error);

        var timeout = Configs.Job("""
            - job_name: j
              scrape_interval: 10s
              static_configs:
                - targets: ['a:1']
              relabel_configs:
                - target_label: __scrape_timeout__
                  replacement: 1m
            """);
        Assert.Contains("scrape timeout cannot be greater than scrape interval",
            TargetBuilder.Build(timeout, timeout.ServiceDiscovery.StaticConfigs).Single().Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Metric_relabel_configs_become_the_loop_hook()
    {
        var config = Configs.Job("""
            - job_name: j
              static_configs:
                - targets: ['a:1']
              metric_relabel_configs:
                - source_labels: [__name__]
                  regex: go_.*
                  action: drop
            """);
        var hook = TargetBuilder.Build(config, config.ServiceDiscovery.StaticConfigs).Single().Options!.MetricRelabel!;
        Assert.Null(hook(LabelSet.FromPairs("__name__", "go_goroutines")));
        Assert.NotNull(hook(LabelSet.FromPairs("__name__", "up_time")));
    }
}
