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
/// </summary>
public sealed class SlackNotifier : HttpNotifier<SlackConfig>
{
    /// <summary>Slack cuts attachment titles at this many characters; so does Alertmanager, before sending.</summary>
    private const int MaxTitleLength = 1024;


    public SlackNotifier(SlackConfig config, HttpClient client)
        : base(config, client)
    {
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
        var response = await HttpDelivery.PostJsonAsync(Client, ConfigValues.AbsoluteUrl(url, "slack URL"), body, Integration, Config.Timeout, cancellationToken, r =>
        {
            if (token is not null)
            {
                r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }
        }).ConfigureAwait(false);
        CheckResponse(response);
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
