using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Argus.Alerting.Config.Receivers;
using Argus.Notify.Integrations.Http;

namespace Argus.Notify.Integrations.Phone;

/// <summary>
/// <c>smsConfigs</c> and <c>voiceConfigs</c>: one JSON POST per notification to the configured phone gateway
/// (<c>url</c> or <c>url_file</c>), with the gateway <c>token</c> as a bearer token when set. The body names
/// the kind (<c>sms</c> or <c>voice</c>), every number in <c>to</c>, the caller id, the rendered message, and
/// the notification's status, receiver and group key so a gateway can de-duplicate; the format is documented
/// in <c>docs/notifications.md</c>. Any 2xx answer means the gateway accepted the message.
/// </summary>
public sealed class PhoneGatewayNotifier : HttpNotifier<PhoneGatewayConfig>
{

    public PhoneGatewayNotifier(PhoneGatewayConfig config, HttpClient client)
        : base(config, client)
    {
        Integration = config is VoiceConfig ? "voice" : "sms";
    }

    /// <summary><c>sms</c> or <c>voice</c>.</summary>
    public override string Integration { get; }

    public override async Task NotifyAsync(NotificationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = Render(request);
        var url = ConfigValues.AbsoluteUrl(ConfigValues.UrlOrFile(Config.Url, Config.UrlFile, Integration + " url"), Integration + " url");
        var token = ConfigValues.SecretOrFile(Config.Token, Config.TokenFile, Integration + " token");
        await HttpDelivery.PostJsonAsync(Client, url, body, Integration, Config.Timeout, cancellationToken, r =>
        {
            if (!string.IsNullOrEmpty(token))
            {
                r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }
        }).ConfigureAwait(false);
    }

    /// <summary>The gateway request body for <paramref name="request"/>.</summary>
    internal string Render(NotificationRequest request)
    {
        var t = new TemplateExpander(request, Integration);
        var body = new JsonObject
        {
            ["type"] = Integration,
            ["to"] = JsonBodies.Array(Config.To),
        };
        body.AddIfNotEmpty("from", Config.From);
        body["message"] = t.Expand("message", Config.Message);
        body["status"] = t.Data.Status;
        body["receiver"] = request.Receiver;
        body["groupKey"] = request.GroupKey;
        return JsonBodies.Write(body);
    }
}
