using Argus.Config;
using Argus.Config.Yaml;
using YamlDotNet.RepresentationModel;

namespace Argus.Alerting.Config.Receivers;

/// <summary><c>mattermost_configs</c>: posts to a Mattermost incoming webhook (inline or file, own or from
/// <c>global.mattermost_webhook_url(_file)</c>): the text, channel, user name, icon, <c>attachments</c>, post
/// <c>type</c>, <c>props.card</c> and <c>priority</c>. Alertmanager also accepts attachment-style fields at the
/// top level (<c>title</c>, <c>color</c>, <c>fields</c>, …) but does not send them; Argus validates them so
/// those files load, and does not send them either.</summary>
public sealed class MattermostConfig : NotifierConfig
{
    /// <summary>Top-level keys Alertmanager's config type has but its notifier never sends.</summary>
    private static readonly string[] UnsentKeys =
    [
        "fallback", "color", "pretext", "author_name", "author_link", "author_icon", "title", "title_link", "thumb_url",
        "footer", "footer_icon", "image_url",
    ];

    public override string Kind => "mattermost_configs";

    public ConfigUrl? WebhookUrl { get; init; }

    public string? WebhookUrlFile { get; init; }

    public string? Channel { get; init; }

    public string Username { get; init; } = "{{ template \"mattermost.default.username\" . }}";

    public string Text { get; init; } = "{{ template \"mattermost.default.text\" . }}";

    public string? IconUrl { get; init; }

    public string? IconEmoji { get; init; }

    /// <summary>The post type (e.g. <c>custom_alert</c>), when set.</summary>
    public string? Type { get; init; }

    public IReadOnlyList<MattermostAttachment> Attachments { get; init; } = [];

    /// <summary>Markdown shown in the post's side card (<c>props.card</c>).</summary>
    public string? PropsCard { get; init; }

    /// <summary><c>priority.priority</c>: urgent, important or standard (a template).</summary>
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
        foreach (var key in UnsentKeys)
        {
            map.String(key);
        }
        map.List("fields", "[]*mattermost.MattermostField", n => ReadField(ctx, n));
        string? card = null;
        if (map.Map("props", "mattermost.MattermostProps") is { } props)
        {
            card = props.String("card");
            props.EnsureAllRead();
        }
        string? priority = null;
        bool ack = false, persistent = false;
        if (map.Map("priority", "mattermost.MattermostPriority") is { } prio)
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
            Channel = map.String("channel"),
            Username = map.String("username") ?? "{{ template \"mattermost.default.username\" . }}",
            Text = map.String("text") ?? "{{ template \"mattermost.default.text\" . }}",
            IconUrl = map.String("icon_url"),
            IconEmoji = map.String("icon_emoji"),
            Type = map.String("type"),
            Attachments = map.List("attachments", "[]*mattermost.MattermostAttachment", n => ReadAttachment(ctx, n)),
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
        var m = ctx.Source.Map(node, "mattermost.MattermostField");
        var field = new SlackField(m.String("title") ?? string.Empty, m.String("value") ?? string.Empty, m.Bool("short"));
        m.EnsureAllRead();
        if (field.Title.Length == 0)
        {
            throw m.Error("missing title in Mattermost field configuration");
        }
        if (field.Value.Length == 0)
        {
            throw m.Error("missing value in Mattermost field configuration");
        }
        return field;
    }

    private static MattermostAttachment ReadAttachment(ReaderContext ctx, YamlNode node)
    {
        var m = ctx.Source.Map(node, "mattermost.MattermostAttachment");
        var attachment = new MattermostAttachment
        {
            Fallback = m.String("fallback"),
            Color = m.String("color"),
            Pretext = m.String("pretext"),
            Text = m.String("text"),
            AuthorName = m.String("author_name"),
            AuthorLink = m.String("author_link"),
            AuthorIcon = m.String("author_icon"),
            Title = m.String("title"),
            TitleLink = m.String("title_link"),
            Fields = m.List("fields", "[]*mattermost.MattermostField", n => ReadField(ctx, n)),
            ThumbUrl = m.String("thumb_url"),
            Footer = m.String("footer"),
            FooterIcon = m.String("footer_icon"),
            ImageUrl = m.String("image_url"),
        };
        m.EnsureAllRead();
        return attachment;
    }
}
