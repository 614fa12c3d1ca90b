using Argus.Config.Relabeling;
using Argus.Config.Yaml;

namespace Argus.Config.Alerting;

/// <summary>The <c>alerting</c> section: relabeling applied to every outgoing alert and the Alertmanagers to send to.</summary>
public sealed class AlertingConfig
{
    public IReadOnlyList<RelabelConfig> AlertRelabelConfigs { get; init; } = [];

    public IReadOnlyList<AlertmanagerConfig> Alertmanagers { get; init; } = [];

    public static AlertingConfig Empty { get; } = new();

    internal static AlertingConfig Read(ConfigContext context, YamlMap map, NameValidationScheme scheme)
    {
        var source = context.Source;
        var config = new AlertingConfig
        {
            AlertRelabelConfigs = map.List("alert_relabel_configs", "[]*relabel.Config",
                n => RelabelConfig.Read(source, n, scheme, "empty or null alert relabeling rule")),
            Alertmanagers = map.List("alertmanagers", "config.AlertmanagerConfigs", n => AlertmanagerConfig.Read(context, n, scheme)),
        };
        map.EnsureAllRead();
        return config;
    }
}
