using Argus.Config;
using Argus.Config.Yaml;

namespace Argus.Alerting.Config.Receivers;

/// <summary><c>wechat_configs</c> (WeChat Work): the API secret (inline or file), corp id and URL come
/// from <c>global</c> when unset; <c>message_type</c> is <c>text</c> (default) or <c>markdown</c>.</summary>
public sealed class WechatConfig : NotifierConfig
{
    public override string Kind => "wechat_configs";

    public Secret? ApiSecret { get; init; }

    public string? ApiSecretFile { get; init; }

    public required string CorpId { get; init; }

    public required ConfigUrl ApiUrl { get; init; }

    public string Message { get; init; } = "{{ template \"wechat.default.message\" . }}";

    public string ToUser { get; init; } = "{{ template \"wechat.default.to_user\" . }}";

    public string ToParty { get; init; } = "{{ template \"wechat.default.to_party\" . }}";

    public string ToTag { get; init; } = "{{ template \"wechat.default.to_tag\" . }}";

    public string AgentId { get; init; } = "{{ template \"wechat.default.agent_id\" . }}";

    public string MessageType { get; init; } = "text";

    internal static WechatConfig Read(ReaderContext ctx, YamlMap map)
    {
        var g = ctx.Global;
        var common = ReadCommon(ctx, map, sendResolvedDefault: false);
        var secret = ctx.SecretOrFile(map, "api_secret", "api_secret_file");
        if (secret.Value is null && secret.File is null)
        {
            secret = (g.WeChatApiSecret, g.WeChatApiSecretFile);
        }
        var apiUrl = ctx.HttpUrl(map, "api_url") ?? g.WeChatApiUrl;
        if (!apiUrl.Text.EndsWith('/'))
        {
            apiUrl = ConfigUrl.Parse(apiUrl.Text + "/");
        }
        var config = new WechatConfig
        {
            SendResolved = common.SendResolved,
            HttpConfig = common.HttpConfig,
            HasOwnHttpConfig = common.OwnHttpConfig,
            Line = common.Line,
            ApiSecret = secret.Value,
            ApiSecretFile = secret.File,
            CorpId = GlobalConfig.NullIfEmpty(map.String("corp_id")) ?? g.WeChatApiCorpId ?? string.Empty,
            ApiUrl = apiUrl,
            Message = map.String("message") ?? "{{ template \"wechat.default.message\" . }}",
            ToUser = map.String("to_user") ?? "{{ template \"wechat.default.to_user\" . }}",
            ToParty = map.String("to_party") ?? "{{ template \"wechat.default.to_party\" . }}",
            ToTag = map.String("to_tag") ?? "{{ template \"wechat.default.to_tag\" . }}",
            AgentId = map.String("agent_id") ?? "{{ template \"wechat.default.agent_id\" . }}",
            MessageType = GlobalConfig.NullIfEmpty(map.String("message_type")) ?? "text",
        };
        map.EnsureAllRead();
        if (config.MessageType is not ("text" or "markdown"))
        {
            throw map.ErrorAt("message_type", $"weChat message type \"{config.MessageType}\" does not match valid options text, markdown");
        }
        if (config.ApiSecret is null && config.ApiSecretFile is null)
        {
            throw map.Error("no global Wechat Api Secret set either inline or in a file");
        }
        if (config.CorpId.Length == 0)
        {
            throw map.Error("no global Wechat CorpID set");
        }
        return config;
    }
}
