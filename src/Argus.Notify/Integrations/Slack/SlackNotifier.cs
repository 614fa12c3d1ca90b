using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Argus.Alerting.Config.Receivers;
using Argus.Notify.Integrations.Http;

namespace Argus.Notify.Integrations.Slack;

/// <summary>
/// <c>slack_configs</c>: posts one message with one attachment to an incoming webhook (<c>api_url</c>, inline
/// or from a file), or, with an app token, to the Web API's <c>chat.postMessage</c> at <c>app_url</c> with the
/// token as bearer. Slack answers some failures with 200 and <c>{"ok": false}</c>; those are not retried.
/// </summary>
public sealed class SlackNotifier : INotifier
{
    /// <summary>Slack cuts attachment titles at this many characters; so does Alertmanager, before sending.</summary>
    private const int MaxTitleLength = 1024;

    private readonly SlackConfig _config;
    private readonly HttpClient _client;

    public SlackNotifier(SlackConfig config, HttpClient client)
    {
        _config = config;
        _client = client;
    }

    public string Integration => "slack";

    public bool SendResolved => _config.SendResolved;

    public async Task NotifyAsync(NotificationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = Render(request);
        var token = ConfigValues.SecretOrFile(_config.AppToken, _config.AppTokenFile, "slack app_token");
        var url = token is null
            ? ConfigValues.UrlOrFile(_config.ApiUrl, _config.ApiUrlFile, "slack api_url")
            : _config.AppUrl.Text;
        var response = await HttpDelivery.PostJsonAsync(_client, ConfigValues.AbsoluteUrl(url, "slack URL"), body, Integration, _config.Timeout, cancellationToken, r =>
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
        var title = t.Expand("title", _config.Title);
        if (title.Length > MaxTitleLength)
        {
            title = title[..(MaxTitleLength - 1)] + "…";
        }
        var attachment = new JsonObject()
            .AddIfNotEmpty("title", title)
            .AddIfNotEmpty("title_link", t.Expand("title_link", _config.TitleLink))
            .AddIfNotEmpty("pretext", t.Expand("pretext", _config.Pretext))
            .AddIfNotEmpty("text", t.Expand("text", _config.Text))
            .AddIfNotEmpty("fallback", t.Expand("fallback", _config.Fallback))
            .AddIfNotEmpty("callback_id", t.Expand("callback_id", _config.CallbackId))
            .AddIfNotEmpty("image_url", t.Expand("image_url", _config.ImageUrl))
            .AddIfNotEmpty("thumb_url", t.Expand("thumb_url", _config.ThumbUrl))
            .AddIfNotEmpty("footer", t.Expand("footer", _config.Footer))
            .AddIfNotEmpty("color", t.Expand("color", _config.Color));
        if (_config.MrkdwnIn.Count > 0)
        {
            attachment["mrkdwn_in"] = JsonBodies.Array(_config.MrkdwnIn);
        }
        if (_config.Fields.Count > 0)
        {
            attachment["fields"] = new JsonArray([.. _config.Fields.Select((f, i) => (JsonNode?)new JsonObject
            {
                ["title"] = t.Expand($"fields[{i}].title", f.Title),
                ["value"] = t.Expand($"fields[{i}].value", f.Value),
                ["short"] = f.Short ?? _config.ShortFields,
            })]);
        }
        if (_config.Actions.Count > 0)
        {
            attachment["actions"] = new JsonArray([.. _config.Actions.Select((a, i) => (JsonNode?)RenderAction(t, a, i))]);
        }
        var message = new JsonObject()
            .AddIfNotEmpty("channel", t.Expand("channel", _config.Channel))
            .AddIfNotEmpty("username", t.Expand("username", _config.Username))
            .AddIfNotEmpty("icon_emoji", t.Expand("icon_emoji", _config.IconEmoji))
            .AddIfNotEmpty("icon_url", t.Expand("icon_url", _config.IconUrl));
        if (_config.LinkNames)
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
