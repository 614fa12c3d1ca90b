using Argus.Config;
using Argus.Config.Yaml;
using YamlDotNet.RepresentationModel;

namespace Argus.Alerting.Config.Receivers;

/// <summary><c>mattermost_configs</c>: posts to a Mattermost incoming webhook (inline or file, own or
/// from <c>global.mattermost_webhook_url(_file)</c>). Attachment, props and priority sections are kept
/// as key/value text for the notifier.</summary>
public sealed class MattermostConfig : NotifierConfig
{
    private static readonly string[] TextKeys =
    [
        "channel", "username", "text", "fallback", "color", "pretext", "author_name", "author_link", "author_icon",
        "title", "title_link", "thumb_url", "footer", "footer_icon", "image_url", "icon_url", "icon_emoji", "type",
    ];

    public override string Kind => "mattermost_configs";

    public ConfigUrl? WebhookUrl { get; init; }

    public string? WebhookUrlFile { get; init; }

    /// <summary>The message and attachment texts that are set (<c>channel</c>, <c>username</c>, <c>text</c>, <c>title</c>, ...).</summary>
    public IReadOnlyDictionary<string, string> Texts { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<SlackField> Fields { get; init; } = [];

    /// <summary>Extra attachments, each as its set fields.</summary>
    public IReadOnlyList<IReadOnlyList<KeyValuePair<string, string>>> Attachments { get; init; } = [];

    public string? PropsCard { get; init; }

    public string? Priority { get; init; }

    public bool PriorityRequestedAck { get; init; }

    public bool PriorityPersistentNotifications { get; init; }

    internal static MattermostConfig Read(ReaderContext ctx, YamlMap map)
    {
        var g = ctx.Global;
        var common = ReadCommon(ctx, map, sendResolvedDefault: true);
        var url = ctx.UrlOrFile(map, "webhook_url", "webhook_url_file");
        if (url.Value is null && url.File is null)
        {
            url = (g.MattermostWebhookUrl, g.MattermostWebhookUrlFile);
        }
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in TextKeys)
        {
            if (map.String(key) is { } value)
            {
                texts[key] = value;
            }
        }
        string? card = null;
        if (map.Map("props", "mattermost.Props") is { } props)
        {
            card = props.String("card");
            props.EnsureAllRead();
        }
        string? priority = null;
        bool ack = false, persistent = false;
        if (map.Map("priority", "mattermost.Priority") is { } prio)
        {
            priority = prio.String("priority");
            ack = prio.Bool("requested_ack", false);
            persistent = prio.Bool("persistent_notifications", false);
            prio.EnsureAllRead();
        }
        var config = new MattermostConfig
        {
            SendResolved = common.SendResolved,
            HttpConfig = common.HttpConfig,
            HasOwnHttpConfig = common.OwnHttpConfig,
            Line = common.Line,
            WebhookUrl = url.Value,
            WebhookUrlFile = url.File,
            Texts = texts,
            Fields = map.List("fields", "[]mattermost.Field", n => ReadField(ctx, n)),
            Attachments = map.List("attachments", "[]mattermost.Attachment", n => ReadAttachment(ctx, n)),
            PropsCard = card,
            Priority = priority,
            PriorityRequestedAck = ack,
            PriorityPersistentNotifications = persistent,
        };
        map.EnsureAllRead();
        if (config.WebhookUrl is null && config.WebhookUrlFile is null)
        {
            throw map.Error("missing webhook_url or webhook_url_file on mattermost_config");
        }
        return config;
    }

    private static SlackField ReadField(ReaderContext ctx, YamlNode node)
    {
        var m = ctx.Source.Map(node, "mattermost.Field");
        var field = new SlackField(m.String("title") ?? string.Empty, m.String("value") ?? string.Empty, m.Bool("short"));
        m.EnsureAllRead();
        if (field.Title.Length == 0 || field.Value.Length == 0)
        {
            throw m.Error("mattermost field needs a title and a value");
        }
        return field;
    }

    private static IReadOnlyList<KeyValuePair<string, string>> ReadAttachment(ReaderContext ctx, YamlNode node)
    {
        var m = ctx.Source.Map(node, "mattermost.Attachment");
        var result = new List<KeyValuePair<string, string>>();
        foreach (var key in (string[])["fallback", "color", "pretext", "text", "author_name", "author_link", "author_icon", "title", "title_link", "thumb_url", "footer", "footer_icon", "image_url"])
        {
            if (m.String(key) is { } value)
            {
                result.Add(new(key, value));
            }
        }
        foreach (var field in m.List("fields", "[]mattermost.Field", n => ReadField(ctx, n)))
        {
            result.Add(new("field:" + field.Title, field.Value));
        }
        m.EnsureAllRead();
        return result;
    }
}
