using Argus.Config;
using Argus.Config.Yaml;

namespace Argus.Alerting.Config.Receivers;

/// <summary><c>webhook_configs</c>: POSTs the notification as JSON to <see cref="Url"/> (or the URL read
/// from <see cref="UrlFile"/> when sending). Resolved notifications are sent by default.</summary>
public sealed class WebhookConfig : NotifierConfig
{
    public override string Kind => "webhook_configs";

    public ConfigUrl? Url { get; init; }

    public string? UrlFile { get; init; }

    /// <summary>At most this many alerts per message; 0 means no limit.</summary>
    public ulong MaxAlerts { get; init; }

    /// <summary>Time limit of one request; zero means none.</summary>
    public TimeSpan Timeout { get; init; }

    internal static WebhookConfig Read(ReaderContext ctx, YamlMap map)
    {
        var common = ReadCommon(ctx, map, sendResolvedDefault: true);
        var url = ctx.UrlOrFile(map, "url", "url_file");
        var config = new WebhookConfig
        {
            SendResolved = common.SendResolved,
            HttpConfig = common.HttpConfig,
            HasOwnHttpConfig = common.OwnHttpConfig,
            Line = common.Line,
            Url = url.Value,
            UrlFile = url.File,
            MaxAlerts = map.UInt64("max_alerts") ?? 0,
            Timeout = map.Duration("timeout") ?? TimeSpan.Zero,
        };
        map.EnsureAllRead();
        if (config.Url is null && config.UrlFile is null)
        {
            throw map.Error("one of url or url_file must be configured");
        }
        return config;
    }
}
