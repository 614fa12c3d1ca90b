using Argus.Config;
using Argus.Config.Yaml;

namespace Argus.Alerting.Config.Receivers;

/// <summary><c>incidentio_configs</c>: posts alerts to an incident.io alert source; needs the URL (inline
/// or file) and either an alert source token (inline or file) or its own <c>http_config.authorization</c>.</summary>
public sealed class IncidentioConfig : NotifierConfig
{
    public override string Kind => "incidentio_configs";

    public ConfigUrl? Url { get; init; }

    public string? UrlFile { get; init; }

    public Secret? AlertSourceToken { get; init; }

    public string? AlertSourceTokenFile { get; init; }

    public ulong MaxAlerts { get; init; }

    public TimeSpan Timeout { get; init; }

    internal static IncidentioConfig Read(ReaderContext ctx, YamlMap map)
    {
        var common = ReadCommon(ctx, map, sendResolvedDefault: true);
        var url = ctx.UrlOrFile(map, "url", "url_file");
        var token = ctx.SecretOrFile(map, "alert_source_token", "alert_source_token_file");
        var config = new IncidentioConfig
        {
            SendResolved = common.SendResolved,
            HttpConfig = common.HttpConfig,
            HasOwnHttpConfig = common.OwnHttpConfig,
            Line = common.Line,
            Url = url.Value,
            UrlFile = url.File,
            AlertSourceToken = token.Value,
            AlertSourceTokenFile = token.File,
            MaxAlerts = map.UInt64("max_alerts") ?? 0,
            Timeout = map.Duration("timeout") ?? TimeSpan.Zero,
        };
        map.EnsureAllRead();
        if (config.Url is null && config.UrlFile is null)
        {
            throw map.Error("one of url or url_file must be configured");
        }
        var hasToken = config.AlertSourceToken is not null || config.AlertSourceTokenFile is not null;
        var hasAuthorization = common.OwnHttpConfig && common.HttpConfig.Authorization is not null;
        if (hasToken && hasAuthorization)
        {
            throw map.Error("at most one of alert_source_token/alert_source_token_file & http_config.authorization must be configured");
        }
        if (!hasToken && !hasAuthorization)
        {
            throw map.Error("one of alert_source_token or alert_source_token_file or http_config.authorization must be configured");
        }
        return config;
    }
}
