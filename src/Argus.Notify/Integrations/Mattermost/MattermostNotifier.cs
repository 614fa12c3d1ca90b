using System.Text.Json.Nodes;
using Argus.Alerting.Config.Receivers;
using Argus.Notify.Integrations.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Argus.Notify.Integrations.Mattermost;

/// <summary>
/// <c>mattermost_configs</c>: an incoming-webhook post (text cut at 16383 runes, channel, user name, icon, post type,
/// attachments, <c>props.card</c>, <c>priority</c>), as Alertmanager sends it. A priority other than urgent,
/// important or standard becomes standard; <c>requested_ack</c> needs a priority above standard and
/// <c>persistent_notifications</c> needs urgent (Mattermost's rules; otherwise they are switched off and logged).
/// Only 5xx are retried.
/// </summary>
public sealed class MattermostNotifier : HttpNotifier<MattermostConfig>
{
    private const int MaxTextRunes = 16383;

    private readonly ILogger _logger;

    public MattermostNotifier(MattermostConfig config, HttpClient client, ILogger? logger = null)
        : base(config, client)
    {
        _logger = logger ?? NullLogger.Instance;
    }

    public override string Integration => "mattermost";

    public override async Task NotifyAsync(NotificationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = Render(request);
        await PostJsonToWebhookAsync(Config.WebhookUrl, Config.WebhookUrlFile, "mattermost webhook_url", body, cancellationToken, HttpRetryPolicy.ServerErrors).ConfigureAwait(false);
    }

    /// <summary>The post for <paramref name="request"/>.</summary>
    internal string Render(NotificationRequest request)
    {
        var t = new TemplateExpander(request, Integration);
        var post = new JsonObject { ["text"] = TextLimits.InRunes(t.Expand("text", Config.Text), MaxTextRunes) }
            .AddIfNotEmpty("channel", t.Expand("channel", Config.Channel))
            .AddIfNotEmpty("username", t.Expand("username", Config.Username))
            .AddIfNotEmpty("icon_url", t.Expand("icon_url", Config.IconUrl))
            .AddIfNotEmpty("icon_emoji", t.Expand("icon_emoji", Config.IconEmoji));
        if (Config.Attachments.Count > 0)
        {
            post["attachments"] = new JsonArray([.. Config.Attachments.Select((a, i) => (JsonNode?)RenderAttachment(t, a, $"attachments[{i}]"))]);
        }
        post.AddIfNotEmpty("type", t.Expand("type", Config.Type));
        if (!string.IsNullOrEmpty(Config.PropsCard))
        {
            post["props"] = new JsonObject().AddIfNotEmpty("card", t.Expand("props.card", Config.PropsCard));
        }
        if (!string.IsNullOrEmpty(Config.Priority))
        {
            post["priority"] = RenderPriority(t, request.GroupKey);
        }
        return JsonBodies.WriteGo(post);
    }

    private static JsonObject RenderAttachment(TemplateExpander t, MattermostAttachment a, string field)
    {
        var obj = new JsonObject()
            .AddIfNotEmpty("fallback", t.Expand(field + ".fallback", a.Fallback))
            .AddIfNotEmpty("color", t.Expand(field + ".color", a.Color))
            .AddIfNotEmpty("pretext", t.Expand(field + ".pretext", a.Pretext))
            .AddIfNotEmpty("text", t.Expand(field + ".text", a.Text))
            .AddIfNotEmpty("author_name", t.Expand(field + ".author_name", a.AuthorName))
            .AddIfNotEmpty("author_link", t.Expand(field + ".author_link", a.AuthorLink))
            .AddIfNotEmpty("author_icon", t.Expand(field + ".author_icon", a.AuthorIcon))
            .AddIfNotEmpty("title", t.Expand(field + ".title", a.Title))
            .AddIfNotEmpty("title_link", t.Expand(field + ".title_link", a.TitleLink));
        if (a.Fields.Count > 0)
        {
            obj["fields"] = new JsonArray([.. a.Fields.Select((f, i) =>
            {
                var item = new JsonObject()
                    .AddIfNotEmpty("title", t.Expand($"{field}.fields[{i}].title", f.Title))
                    .AddIfNotEmpty("value", t.Expand($"{field}.fields[{i}].value", f.Value));
                if (f.Short is { } isShort)
                {
                    item["short"] = isShort;
                }
                return (JsonNode?)item;
            })]);
        }
        return obj
            .AddIfNotEmpty("thumb_url", t.Expand(field + ".thumb_url", a.ThumbUrl))
            .AddIfNotEmpty("footer", t.Expand(field + ".footer", a.Footer))
            .AddIfNotEmpty("footer_icon", t.Expand(field + ".footer_icon", a.FooterIcon))
            .AddIfNotEmpty("image_url", t.Expand(field + ".image_url", a.ImageUrl));
    }

    private JsonObject RenderPriority(TemplateExpander t, string groupKey)
    {
        var priority = t.Expand("priority.priority", Config.Priority).ToLowerInvariant();
        if (priority is not ("urgent" or "important" or "standard"))
        {
            _logger.LogWarning("Mattermost priority {Priority} of {GroupKey} is not urgent, important or standard; standard is sent", priority, groupKey);
            priority = "standard";
        }
        var ack = Config.PriorityRequestedAck && priority != "standard";
        var persistent = Config.PriorityPersistentNotifications && priority == "urgent";
        var obj = new JsonObject { ["priority"] = priority };
        if (ack)
        {
            obj["requested_ack"] = true;
        }
        if (persistent)
        {
            obj["persistent_notifications"] = true;
        }
        return obj;
    }
}
