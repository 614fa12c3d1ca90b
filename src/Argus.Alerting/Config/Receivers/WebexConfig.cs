using Argus.Config;
using Argus.Config.Yaml;

namespace Argus.Alerting.Config.Receivers;

/// <summary><c>webex_configs</c>: posts to a Webex room; needs <c>room_id</c> and its own
/// <c>http_config.authorization</c> (the bot token).</summary>
public sealed class WebexConfig : NotifierConfig
{
    public override string Kind => "webex_configs";

    public required ConfigUrl ApiUrl { get; init; }

    public string Message { get; init; } = "{{ template \"webex.default.message\" . }}";

    public required string RoomId { get; init; }

    internal static WebexConfig Read(ReaderContext ctx, YamlMap map)
    {
        var common = ReadCommon(ctx, map, sendResolvedDefault: true);
        var config = new WebexConfig
        {
            SendResolved = common.SendResolved,
            HttpConfig = common.HttpConfig,
            HasOwnHttpConfig = common.OwnHttpConfig,
            Line = common.Line,
            ApiUrl = ctx.HttpUrl(map, "api_url") ?? ctx.Global.WebexApiUrl,
            Message = map.String("message") ?? "{{ template \"webex.default.message\" . }}",
            RoomId = map.String("room_id") ?? string.Empty,
        };
        map.EnsureAllRead();
        if (config.RoomId.Length == 0)
        {
            throw map.Error("missing room_id on webex_config");
        }
        if (!common.OwnHttpConfig || common.HttpConfig.Authorization is null)
        {
            throw map.Error("missing webex_configs.http_config.authorization");
        }
        return config;
    }
}
