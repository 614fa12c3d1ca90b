using System.Text.Json.Nodes;
using Argus.Alerting.Config.Receivers;
using Argus.Notify.Integrations.Http;

namespace Argus.Notify.Integrations.Victorops;

/// <summary>
/// <c>victorops_configs</c> (Splunk On-Call): the REST endpoint integration, <c>{api_url}{api_key}/{routing_key}</c>.
/// The entity id is the SHA-256 of the group key, so one incident follows the group; <c>message_type</c> is the
/// configured INFO/WARNING/CRITICAL while firing (anything else becomes CRITICAL) and RECOVERY once resolved. The
/// state message is cut at 20480 runes; custom fields are added as templates. Only 5xx are retried.
/// </summary>
public sealed class VictoropsNotifier : HttpNotifier<VictorOpsConfig>
{
    private const int MaxStateMessageRunes = 20480;

    private static readonly string[] FiringTypes = ["INFO", "WARNING", "CRITICAL"];

    public VictoropsNotifier(VictorOpsConfig config, HttpClient client)
        : base(config, client)
    {
    }

    public override string Integration => "victorops";

    public override async Task NotifyAsync(NotificationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (url, body) = Render(request);
        using var message = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        message.Options.Set(HttpDelivery.SecretInPath, true);
        await HttpDelivery.SendForBodyAsync(Client, message, Integration, TimeSpan.Zero, cancellationToken, HttpRetryPolicy.ServerErrors).ConfigureAwait(false);
    }

    /// <summary>The endpoint (with the API key and routing key in its path) and the body for <paramref name="request"/>.</summary>
    internal (Uri Url, string Body) Render(NotificationRequest request)
    {
        var t = new TemplateExpander(request, Integration);
        var apiKey = ConfigValues.SecretOrFile(Config.ApiKey, Config.ApiKeyFile, "victorops api_key") ?? string.Empty;
        var url = ConfigValues.AbsoluteUrl(Config.ApiUrl.Text + apiKey + "/" + t.Expand("routing_key", Config.RoutingKey), "victorops api_url");
        var messageType = t.Expand("message_type", Config.MessageType);
        if (t.Data.Status == "resolved")
        {
            messageType = "RECOVERY";
        }
        else if (!FiringTypes.Contains(messageType))
        {
            messageType = "CRITICAL";
        }
        var fields = new Dictionary<string, JsonNode?>(StringComparer.Ordinal)
        {
            ["message_type"] = messageType,
            ["entity_id"] = GroupKeys.Hash(request.GroupKey),
            ["entity_display_name"] = t.Expand("entity_display_name", Config.EntityDisplayName),
            ["state_message"] = TextLimits.InRunes(t.Expand("state_message", Config.StateMessage), MaxStateMessageRunes),
            ["monitoring_tool"] = t.Expand("monitoring_tool", Config.MonitoringTool),
        };
        foreach (var (name, value) in Config.CustomFields)
        {
            fields[name] = t.Expand("custom_fields." + name, value);
        }
        return (url, JsonBodies.WriteGo(JsonBodies.SortedObject(fields)));
    }
}
