using Argus.Config;
using Argus.Config.Yaml;

namespace Argus.Alerting.Config.Receivers;

/// <summary>
/// The shape shared by the chat "group robot" integrations (DingTalk, Feishu, WeCom robot): a
/// webhook URL (inline or file), an optional signing secret, a message type from a per-kind set,
/// title and message templates, and who to mention. The kinds differ only in their defaults and
/// allowed message types, so those live in a <see cref="RobotWebhookSpec"/> and the reading and
/// validation are written once here.
/// </summary>
public abstract class RobotWebhookConfig : NotifierConfig
{
    /// <summary>Sets the kind's defaults, so a config built in code matches one read from an empty entry.</summary>
    private protected RobotWebhookConfig(RobotWebhookSpec spec)
    {
        MessageType = spec.DefaultMessageType;
        Title = spec.DefaultTitle;
        Message = spec.DefaultMessage;
    }

    public ConfigUrl? WebhookUrl { get; init; }

    public string? WebhookUrlFile { get; init; }

    /// <summary>The signing secret of the bot, when it has one.</summary>
    public Secret? Secret { get; init; }

    public string? SecretFile { get; init; }

    public string MessageType { get; init; }

    public string Title { get; init; }

    public string Message { get; init; }

    /// <summary>Members to mention, by mobile number.</summary>
    public IReadOnlyList<string> AtMobiles { get; init; } = [];

    /// <summary>Members to mention, by user id.</summary>
    public IReadOnlyList<string> AtUserIds { get; init; } = [];

    public bool AtAll { get; init; }

    /// <summary>Reads and validates one entry of a robot kind; the error messages are the same for every kind.</summary>
    private protected static T ReadEntry<T>(ReaderContext ctx, YamlMap map, RobotWebhookSpec spec)
        where T : RobotWebhookConfig, new()
    {
        var common = ReadCommon(ctx, map, sendResolvedDefault: true);
        var url = ctx.UrlOrFile(map, "webhook_url", "webhook_url_file");
        var secret = ctx.SecretOrFile(map, "secret", "secret_file");
        var config = new T
        {
            SendResolved = common.SendResolved,
            HttpConfig = common.HttpConfig,
            HasOwnHttpConfig = common.OwnHttpConfig,
            Line = common.Line,
            WebhookUrl = url.Value,
            WebhookUrlFile = url.File,
            Secret = secret.Value,
            SecretFile = secret.File,
            MessageType = GlobalConfig.NullIfEmpty(map.String("message_type")) ?? spec.DefaultMessageType,
            Title = map.String("title") ?? spec.DefaultTitle,
            Message = map.String("message") ?? spec.DefaultMessage,
            AtMobiles = map.StringList("at_mobiles") ?? [],
            AtUserIds = map.StringList("at_user_ids") ?? [],
            AtAll = map.Bool("at_all", false),
        };
        map.EnsureAllRead();
        if (config.WebhookUrl is null && config.WebhookUrlFile is null)
        {
            throw map.Error("one of webhook_url or webhook_url_file must be configured");
        }
        if (!spec.MessageTypes.Contains(config.MessageType))
        {
            throw map.ErrorAt("message_type", $"invalid message_type \"{config.MessageType}\": must be one of {string.Join(", ", spec.MessageTypes)}");
        }
        return config;
    }

    /// <summary>What distinguishes one robot kind: its allowed message types (in the order error messages list them) and its defaults.</summary>
    private protected sealed record RobotWebhookSpec(string[] MessageTypes, string DefaultMessageType, string DefaultTitle, string DefaultMessage);
}
