using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Argus.Alerting.Config.Receivers;
using Argus.Notify.Integrations.Http;

namespace Argus.Notify.Integrations.Slack;

/// <summary>
/// <c>slackConfigs</c>: posts one message with one attachment to an incoming webhook (<c>api_url</c>, inline
/// or from a file), or, with an app token, to the Web API's <c>chat.postMessage</c> at <c>app_url</c> with the
/// token as bearer. Slack answers some failures with 200 and <c>{"ok": false}</c>; those are not retried.
/// With <c>update_message</c> the first notification of a group posts a message and later ones edit it
/// (<c>chat.update</c> with the channel id and <c>ts</c> Slack answered); once the group resolves, the next firing
/// posts a new message. If Slack no longer finds the message, a new one is posted.
/// </summary>
public sealed class SlackNotifier : HttpNotifier<SlackConfig>
{
    /// <summary>Slack cuts attachment titles at this many characters; so does Alertmanager, before sending.</summary>
    private const int MaxTitleLength = 1024;


    /// <summary>Slack's answers to <c>chat.update</c> for a message that cannot be edited any more.</summary>
    private static readonly HashSet<string> GoneErrors = ["message_not_found", "cant_update_message", "edit_window_closed", "channel_not_found"];

    private readonly SlackMessageRefs _messages;

    public SlackNotifier(SlackConfig config, HttpClient client, SlackMessageRefs? messages = null)
        : base(config, client)
    {
        _messages = messages ?? new SlackMessageRefs();
    }

    public override string Integration => "slack";

    public override async Task NotifyAsync(NotificationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = Render(request);
        var token = ConfigValues.SecretOrFile(Config.AppToken, Config.AppTokenFile, "slack app_token");
        var url = token is null
            ? ConfigValues.UrlOrFile(Config.ApiUrl, Config.ApiUrlFile, "slack api_url")
            : Config.AppUrl.Text;
        var postUrl = ConfigValues.AbsoluteUrl(url, "slack URL");
        if (!Config.UpdateMessage)
        {
            CheckResponse(await PostAsync(postUrl, body, token, cancellationToken).ConfigureAwait(false));
            return;
        }
        var resolved = request.Alerts.All(a => a.IsResolved(request.Now));
        if (_messages.TryGet(request.GroupKey, out var channel, out var ts))
        {
            var update = JsonNode.Parse(body)!.AsObject();
            update["channel"] = channel;
            update["ts"] = ts;
            var answer = await PostAsync(UpdateUrl(postUrl), JsonBodies.Write(update), token, cancellationToken).ConfigureAwait(false);
            if (!GoneErrors.Contains(JsonBodies.ReadString(answer, "error") ?? string.Empty))
            {
                CheckResponse(answer);
                Remember(request.GroupKey, answer, resolved);
                return;
            }
            _messages.Forget(request.GroupKey);
        }
        var posted = await PostAsync(postUrl, body, token, cancellationToken).ConfigureAwait(false);
        CheckResponse(posted);
        Remember(request.GroupKey, posted, resolved);
    }

    private Task<string> PostAsync(Uri url, string body, string? token, CancellationToken cancellationToken) =>
        HttpDelivery.PostJsonAsync(Client, url, body, Integration, Config.Timeout, cancellationToken, r =>
        {
            if (token is not null)
            {
                r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }
        });

    /// <summary>Keeps the message a firing group posted (Slack's channel id and <c>ts</c>); a resolved group starts afresh.</summary>
    private void Remember(string groupKey, string answer, bool resolved)
    {
        if (resolved)
        {
            _messages.Forget(groupKey);
        }
        else if (JsonBodies.ReadString(answer, "channel") is { Length: > 0 } channel && JsonBodies.ReadString(answer, "ts") is { Length: > 0 } ts)
        {
            _messages.Set(groupKey, channel, ts);
        }
    }

    /// <summary><c>chat.update</c> next to the configured <c>chat.postMessage</c> (the Web API's base URL).</summary>
    private static Uri UpdateUrl(Uri postUrl)
    {
        var path = postUrl.AbsolutePath;
        var slash = path.LastIndexOf('/');
        return new UriBuilder(postUrl) { Path = path[..(slash + 1)] + "chat.update" }.Uri;
    }

    /// <summary>The JSON body for <paramref name="request"/>.</summary>
    internal string Render(NotificationRequest request)
    {
        var t = new TemplateExpander(request, Integration);
        var title = t.Expand("title", Config.Title);
        if (title.Length > MaxTitleLength)
        {
            title = title[..(MaxTitleLength - 1)] + "…";
        }
        var attachment = new JsonObject()
            .AddIfNotEmpty("title", title)
            .AddIfNotEmpty("title_link", t.Expand("title_link", Config.TitleLink))
            .AddIfNotEmpty("pretext", t.Expand("pretext", Config.Pretext))
            .AddIfNotEmpty("text", t.Expand("text", Config.Text))
            .AddIfNotEmpty("fallback", t.Expand("fallback", Config.Fallback))
            .AddIfNotEmpty("callback_id", t.Expand("callback_id", Config.CallbackId))
            .AddIfNotEmpty("image_url", t.Expand("image_url", Config.ImageUrl))
            .AddIfNotEmpty("thumb_url", t.Expand("thumb_url", Config.ThumbUrl))
            .AddIfNotEmpty("footer", t.Expand("footer", Config.Footer))
            .AddIfNotEmpty("color", t.Expand("color", Config.Color));
        if (Config.MrkdwnIn.Count > 0)
        {
            attachment["mrkdwn_in"] = JsonBodies.Array(Config.MrkdwnIn);
        }
        if (Config.Fields.Count > 0)
        {
            attachment["fields"] = new JsonArray([.. Config.Fields.Select((f, i) => (JsonNode?)new JsonObject
            {
                ["title"] = t.Expand($"fields[{i}].title", f.Title),
                ["value"] = t.Expand($"fields[{i}].value", f.Value),
                ["short"] = f.Short ?? Config.ShortFields,
            })]);
        }
        if (Config.Actions.Count > 0)
        {
            attachment["actions"] = new JsonArray([.. Config.Actions.Select((a, i) => (JsonNode?)RenderAction(t, a, i))]);
        }
        var message = new JsonObject()
            .AddIfNotEmpty("channel", t.Expand("channel", Config.Channel))
            .AddIfNotEmpty("username", t.Expand("username", Config.Username))
            .AddIfNotEmpty("icon_emoji", t.Expand("icon_emoji", Config.IconEmoji))
            .AddIfNotEmpty("icon_url", t.Expand("icon_url", Config.IconUrl));
        if (Config.LinkNames)
        {
            message["link_names"] = true;
        }
        message["attachments"] = new JsonArray(attachment);
        return JsonBodies.Write(message);
    }

    private static JsonObject RenderAction(TemplateExpander t, SlackAction action, int index)
    {
        var field = $"actions[{index}]";
        var obj = new JsonObject()
            .AddIfNotEmpty("type", t.Expand(field + ".type", action.Type))
            .AddIfNotEmpty("text", t.Expand(field + ".text", action.Text))
            .AddIfNotEmpty("url", t.Expand(field + ".url", action.Url))
            .AddIfNotEmpty("style", t.Expand(field + ".style", action.Style))
            .AddIfNotEmpty("name", t.Expand(field + ".name", action.Name))
            .AddIfNotEmpty("value", t.Expand(field + ".value", action.Value));
        if (action.Confirm is { } confirm)
        {
            obj["confirm"] = new JsonObject()
                .AddIfNotEmpty("text", t.Expand(field + ".confirm.text", confirm.Text))
                .AddIfNotEmpty("title", t.Expand(field + ".confirm.title", confirm.Title))
                .AddIfNotEmpty("ok_text", t.Expand(field + ".confirm.ok_text", confirm.OkText))
                .AddIfNotEmpty("dismiss_text", t.Expand(field + ".confirm.dismiss_text", confirm.DismissText));
        }
        return obj;
    }

    /// <summary>Incoming webhooks answer <c>ok</c> as text; the Web API answers JSON with <c>ok</c> and <c>error</c>.</summary>
    private void CheckResponse(string body)
    {
        var trimmed = body.Trim();
        if (trimmed.Length == 0 || trimmed == "ok")
        {
            return;
        }
        try
        {
            using var doc = JsonDocument.Parse(trimmed);
            if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("ok", out var ok) && ok.ValueKind == JsonValueKind.False)
            {
                var error = doc.RootElement.TryGetProperty("error", out var e) ? e.ToString() : "unknown error";
                throw new NotifyException($"{Integration}: Slack answered ok=false: {error}", retryable: false);
            }
        }
        catch (JsonException)
        {
            throw new NotifyException($"{Integration}: unexpected Slack answer: {trimmed}", retryable: false);
        }
    }
}
