using System.Text.Json.Nodes;
using Argus.Alerting.Config.Receivers;
using Argus.Notify.Integrations.Http;

namespace Argus.Notify.Integrations.Webex;

/// <summary>
/// <c>webex_configs</c>: the Messages API (<c>api_url</c>, default <c>https://webexapis.com/v1/messages</c>) with the
/// message as markdown (cut at 7439 bytes, Webex's limit) in the room <c>room_id</c>. The bot token comes from the
/// entry's own <c>http_config.authorization</c> (required by the loader). Only 5xx are retried.
/// </summary>
public sealed class WebexNotifier : HttpNotifier<WebexConfig>
{
    private const int MaxMessageBytes = 7439;

    public WebexNotifier(WebexConfig config, HttpClient client)
        : base(config, client)
    {
    }

    public override string Integration => "webex";

    public override async Task NotifyAsync(NotificationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = Render(request);
        var url = Config.ApiUrl.Absolute ?? ConfigValues.AbsoluteUrl(Config.ApiUrl.Text, "webex api_url");
        await HttpDelivery.PostJsonAsync(Client, url, body, Integration, TimeSpan.Zero, cancellationToken, policy: HttpRetryPolicy.ServerErrors).ConfigureAwait(false);
    }

    /// <summary>The message body for <paramref name="request"/>.</summary>
    internal string Render(NotificationRequest request)
    {
        var t = new TemplateExpander(request, Integration);
        var message = new JsonObject { ["markdown"] = TextLimits.InBytes(t.Expand("message", Config.Message), MaxMessageBytes) }
            .AddIfNotEmpty("roomId", t.Expand("room_id", Config.RoomId));
        return JsonBodies.WriteGo(message);
    }
}
