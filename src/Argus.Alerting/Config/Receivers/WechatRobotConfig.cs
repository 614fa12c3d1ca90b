using Argus.Config;
using Argus.Config.Yaml;

namespace Argus.Alerting.Config.Receivers;

/// <summary><c>wechat_robot_configs</c> (Argus): posts to a WeCom (WeChat Work) group robot webhook (inline or file); <c>message_type</c> is <c>markdown</c> (default) or <c>text</c>.</summary>
public sealed class WechatRobotConfig : NotifierConfig
{
    private static readonly string[] MessageTypes = ["text", "markdown"];

    public override string Kind => "wechat_robot_configs";

    public ConfigUrl? WebhookUrl { get; init; }

    public string? WebhookUrlFile { get; init; }

    /// <summary>The signing secret of the bot, when it has one.</summary>
    public Secret? Secret { get; init; }

    public string? SecretFile { get; init; }

    public string MessageType { get; init; } = "markdown";

    public string Title { get; init; } = "{{ template \"wechat_robot.default.title\" . }}";

    public string Message { get; init; } = "{{ template \"wechat_robot.default.message\" . }}";

    /// <summary>Members to mention, by mobile number.</summary>
    public IReadOnlyList<string> AtMobiles { get; init; } = [];

    /// <summary>Members to mention, by user id.</summary>
    public IReadOnlyList<string> AtUserIds { get; init; } = [];

    public bool AtAll { get; init; }

    internal static WechatRobotConfig Read(ReaderContext ctx, YamlMap map)
    {
        var common = ReadCommon(ctx, map, sendResolvedDefault: true);
        var url = ctx.UrlOrFile(map, "webhook_url", "webhook_url_file");
        var secret = ctx.SecretOrFile(map, "secret", "secret_file");
        var config = new WechatRobotConfig
        {
            SendResolved = common.SendResolved,
            HttpConfig = common.HttpConfig,
            HasOwnHttpConfig = common.OwnHttpConfig,
            Line = common.Line,
            WebhookUrl = url.Value,
            WebhookUrlFile = url.File,
            Secret = secret.Value,
            SecretFile = secret.File,
            MessageType = GlobalConfig.NullIfEmpty(map.String("message_type")) ?? "markdown",
            Title = map.String("title") ?? "{{ template \"wechat_robot.default.title\" . }}",
            Message = map.String("message") ?? "{{ template \"wechat_robot.default.message\" . }}",
            AtMobiles = map.StringList("at_mobiles") ?? [],
            AtUserIds = map.StringList("at_user_ids") ?? [],
            AtAll = map.Bool("at_all", false),
        };
        map.EnsureAllRead();
        if (config.WebhookUrl is null && config.WebhookUrlFile is null)
        {
            throw map.Error("one of webhook_url or webhook_url_file must be configured");
        }
        if (!MessageTypes.Contains(config.MessageType))
        {
            throw map.ErrorAt("message_type", $"invalid message_type \"{config.MessageType}\": must be one of {string.Join(", ", MessageTypes)}");
        }
        return config;
    }
}
