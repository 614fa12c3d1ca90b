using Argus.Config.Discovery;
using Argus.Config.Http;
using Argus.Config.Relabeling;
using Argus.Config.Remote;
using Argus.Config.Yaml;
using YamlDotNet.RepresentationModel;

namespace Argus.Config.Alerting;

/// <summary>One <c>alerting.alertmanagers</c> entry: how to find Alertmanagers and send to them.
/// Defaults: scheme http, timeout 10s, API v2 (the only version supported).</summary>
public sealed class AlertmanagerConfig
{
    public HttpClientConfig HttpClient { get; init; } = HttpClientConfig.Default;

    public SigV4Config? SigV4 { get; init; }

    public string Scheme { get; init; } = "http";

    public string PathPrefix { get; init; } = string.Empty;

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    public string ApiVersion { get; init; } = "v2";

    public ServiceDiscoveryConfigs ServiceDiscovery { get; init; } = ServiceDiscoveryConfigs.Empty;

    /// <summary>Rules applied to discovered Alertmanager targets.</summary>
    public IReadOnlyList<RelabelConfig> RelabelConfigs { get; init; } = [];

    /// <summary>Rules applied to alerts sent to this Alertmanager only.</summary>
    public IReadOnlyList<RelabelConfig> AlertRelabelConfigs { get; init; } = [];

    internal static AlertmanagerConfig Read(ConfigContext context, YamlNode node, NameValidationScheme scheme)
    {
        var source = context.Source;
        if (YamlSource.IsNull(node))
        {
            throw source.Error(node, "empty or null section in alertmanagers");
        }
        var map = source.Map(node, "config.AlertmanagerConfig");
        var http = HttpClientConfig.Read(context, map);
        var sigv4 = map.Map("sigv4", "sigv4.SigV4Config") is { } s ? SigV4Config.Read(s) : null;
        if (sigv4 is not null && http.HasAuthentication)
        {
            throw map.ErrorAt("sigv4", "at most one of basic_auth, authorization, oauth2, & sigv4 must be configured");
        }
        var sd = ServiceDiscoveryConfigs.Read(context, map);
        var apiVersion = map.String("api_version") ?? "v2";
        if (apiVersion != "v2")
        {
            throw map.ErrorAt("api_version", $"expected Alertmanager api version to be one of [v2] but got {apiVersion}");
        }
        var scheme2 = map.String("scheme");
        var relabel = map.List("relabel_configs", "[]*relabel.Config",
            n => RelabelConfig.Read(source, n, scheme, "empty or null Alertmanager target relabeling rule"));
        var alertRelabel = map.List("alert_relabel_configs", "[]*relabel.Config",
            n => RelabelConfig.Read(source, n, scheme, "empty or null Alertmanager alert relabeling rule"));
        if (relabel.Count == 0)
        {
            sd.CheckStaticTargets(map);
        }
        var config = new AlertmanagerConfig
        {
            HttpClient = http,
            SigV4 = sigv4,
            Scheme = string.IsNullOrEmpty(scheme2) ? "http" : scheme2,
            PathPrefix = map.String("path_prefix") ?? string.Empty,
            Timeout = map.Duration("timeout", TimeSpan.FromSeconds(10)),
            ApiVersion = apiVersion,
            ServiceDiscovery = sd,
            RelabelConfigs = relabel,
            AlertRelabelConfigs = alertRelabel,
        };
        map.EnsureAllRead();
        return config;
    }
}
