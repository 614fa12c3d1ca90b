using System.Text.Json.Nodes;
using Argus.Alerting.Config.Receivers;
using Argus.Notify.Integrations.Http;

namespace Argus.Notify.Integrations.Rocketchat;

/// <summary>
/// <c>rocketchat_configs</c>: <c>{api_url}api/v1/chat.postMessage</c> authenticated with the personal access token
/// (<c>X-Auth-Token</c>) and its user id (<c>X-User-Id</c>), posting one attachment (title cut at 1024 runes, link,
/// text, image, thumbnail, colour, fields, buttons) to the channel, with the emoji and avatar. Rocket.Chat answers
/// some errors with 200 and <c>"success": false</c>; those are not retried, nor is anything but 5xx.
/// </summary>
public sealed class RocketchatNotifier : HttpNotifier<RocketchatConfig>
{
    private const int MaxTitleRunes = 1024;

    public RocketchatNotifier(RocketchatConfig config, HttpClient client)
        : base(config, client)
    {
    }

    public override string Integration => "rocketchat";

    public override async Task NotifyAsync(NotificationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = Render(request);
        var token = ConfigValues.SecretOrFile(Config.Token, Config.TokenFile, "rocketchat token") ?? string.Empty;
        var userId = ConfigValues.SecretOrFile(Config.TokenId, Config.TokenIdFile, "rocketchat token_id") ?? string.Empty;
        var url = ConfigValues.AbsoluteUrl(Config.ApiUrl.Text.TrimEnd('/') + "/api/v1/chat.postMessage", "rocketchat api_url");
        var response = await HttpDelivery.PostJsonAsync(Client, url, body, Integration, TimeSpan.Zero, cancellationToken, r =>
        {
            r.Headers.TryAddWithoutValidation("X-Auth-Token", token);
            r.Headers.TryAddWithoutValidation("X-User-Id", userId);
        }, HttpRetryPolicy.ServerErrors).ConfigureAwait(false);
        if (JsonBodies.ReadBool(response, "success") is not true)
        {
            var channel = JsonBodies.ReadString(body, "channel") ?? string.Empty;
            throw new NotifyException(
                $"{Integration}: channel \"{channel}\": error response from Rocket.Chat: {JsonBodies.ReadString(response, "error") ?? response}", retryable: false);
        }
    }

    /// <summary>The chat.postMessage body for <paramref name="request"/>.</summary>
    internal string Render(NotificationRequest request)
    {
        var t = new TemplateExpander(request, Integration);
        var attachment = new JsonObject()
            .AddIfNotEmpty("title", TextLimits.InRunes(t.Expand("title", Config.Title), MaxTitleRunes))
            .AddIfNotEmpty("title_link", t.Expand("title_link", Config.TitleLink))
            .AddIfNotEmpty("text", t.Expand("text", Config.Text))
            .AddIfNotEmpty("image_url", t.Expand("image_url", Config.ImageUrl))
            .AddIfNotEmpty("thumb_url", t.Expand("thumb_url", Config.ThumbUrl))
            .AddIfNotEmpty("color", t.Expand("color", Config.Color));
        if (Config.Fields.Count > 0)
        {
            attachment["fields"] = new JsonArray([.. Config.Fields.Select((f, i) => (JsonNode?)new JsonObject { ["short"] = f.Short ?? Config.ShortFields }
                .AddIfNotEmpty("title", t.Expand($"fields[{i}].title", f.Title))
                .AddIfNotEmpty("value", t.Expand($"fields[{i}].value", f.Value)))]);
        }
        if (Config.Actions.Count > 0)
        {
            // Rocket.Chat's Go SDK writes is_webview and msg_in_chat_window even when false; only buttons exist.
            attachment["actions"] = new JsonArray([.. Config.Actions.Select((a, i) => (JsonNode?)new JsonObject { ["type"] = "button" }
                .AddIfNotEmpty("text", t.Expand($"actions[{i}].text", a.Text))
                .AddIfNotEmpty("url", t.Expand($"actions[{i}].url", a.Url))
                .With("is_webview", false)
                .AddIfNotEmpty("msg", t.Expand($"actions[{i}].msg", a.Msg))
                .With("msg_in_chat_window", false))]);
        }
        var message = new JsonObject()
            .AddIfNotEmpty("channel", t.Expand("channel", Config.Channel))
            .AddIfNotEmpty("emoji", t.Expand("emoji", Config.Emoji))
            .AddIfNotEmpty("avatar", t.Expand("icon_url", Config.IconUrl));
        message["attachments"] = new JsonArray(attachment);
        return JsonBodies.WriteGo(message);
    }
}
