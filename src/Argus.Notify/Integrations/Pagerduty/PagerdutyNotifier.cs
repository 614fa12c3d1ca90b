using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Argus.Alerting.Config;
using Argus.Alerting.Config.Receivers;
using Argus.Notify.Integrations.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Argus.Notify.Integrations.Pagerduty;

/// <summary>
/// <c>pagerduty_configs</c>: an Events API v2 event (with a routing key) or a v1 event (with a service key), as
/// Alertmanager sends them. The dedup key (v1: incident key) is the SHA-256 of the group key, so every
/// notification of a group updates one PagerDuty alert; a group with no firing alert resolves it. The summary
/// (v1: description) is cut at 1024 runes; when an event exceeds 512 kB its custom details are replaced by an
/// explanation. 5xx are retried, and 429 (v2) or 403 (v1, PagerDuty's rate limit there).
/// </summary>
public sealed class PagerdutyNotifier : HttpNotifier<PagerdutyConfig>
{
    /// <summary>The v1 endpoint Alertmanager posts service-key events to (used unless <c>url</c> was changed).</summary>
    public static readonly Uri V1Url = new("https://events.pagerduty.com/generic/2010-04-15/create_event.json");

    private const int MaxSummaryRunes = 1024;
    private const int MaxEventBytes = 512000;
    private const string TooLarge = "Custom details have been removed because the original event exceeds the maximum size of 512KB";

    private static readonly HttpRetryPolicy V1Retry = HttpRetryPolicy.ServerErrorsAnd(403);
    private static readonly HttpRetryPolicy V2Retry = HttpRetryPolicy.ServerErrorsAnd(429);

    private readonly ILogger _logger;

    public PagerdutyNotifier(PagerdutyConfig config, HttpClient client, ILogger? logger = null)
        : base(config, client)
    {
        _logger = logger ?? NullLogger.Instance;
    }

    public override string Integration => "pagerduty";

    private bool IsV1 => Config.ServiceKey is not null || Config.ServiceKeyFile is not null;

    public override async Task NotifyAsync(NotificationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = Render(request);
        var url = IsV1 ? V1Endpoint() : Config.Url.Absolute ?? ConfigValues.AbsoluteUrl(Config.Url.Text, "pagerduty url");
        using var message = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        await HttpDelivery.SendExplainedAsync(Client, message, Integration, Config.Timeout, IsV1 ? V1Retry : V2Retry,
            e => e.Status == 400 ? ErrorDetails(e.Body) : null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The event body for <paramref name="request"/> (Go's JSON encoding, trailing newline included).</summary>
    internal string Render(NotificationRequest request)
    {
        var t = new TemplateExpander(request, Integration);
        var trigger = t.Data.Status == "firing";
        var details = JsonBodies.SortedObject(Config.Details.Select(d =>
            new KeyValuePair<string, JsonNode?>(d.Key, FreeformTemplates.Expand(d.Value, t, "details." + d.Key))).ToList());
        var dedupKey = GroupKeys.Hash(request.GroupKey);
        var (message, detailsOwner, detailsKey) = IsV1 ? RenderV1(t, trigger, dedupKey) : RenderV2(t, trigger, dedupKey);
        // Go's omitempty leaves an empty details map out; the details are the owner's last member either way.
        if (details.Count > 0)
        {
            detailsOwner[detailsKey] = details;
        }
        var json = JsonBodies.WriteGo(message);
        var size = System.Text.Encoding.UTF8.GetByteCount(json);
        if (size > MaxEventBytes)
        {
            _logger.LogWarning("PagerDuty event for {GroupKey} is {Size} bytes, over the limit of {Limit}: its custom details are replaced",
                request.GroupKey, size, MaxEventBytes);
            detailsOwner[detailsKey] = new JsonObject { ["error"] = TooLarge };
            json = JsonBodies.WriteGo(message);
        }
        return json;
    }

    /// <summary>The v1 event without its details, and where they go.</summary>
    private (JsonObject Message, JsonObject DetailsOwner, string DetailsKey) RenderV1(TemplateExpander t, bool trigger, string incidentKey)
    {
        var serviceKey = t.Expand("service_key", ConfigValues.SecretOrFile(Config.ServiceKey, Config.ServiceKeyFile, "pagerduty service_key"));
        if (serviceKey.Length == 0)
        {
            throw new NotifyException($"{Integration}: service key cannot be empty", retryable: false);
        }
        var message = new JsonObject
        {
            ["service_key"] = serviceKey,
            ["incident_key"] = incidentKey,
            ["event_type"] = trigger ? "trigger" : "resolve",
        };
        message.AddIfNotEmpty("description", TextLimits.InRunes(t.Expand("description", Config.Description), MaxSummaryRunes));
        message["event_action"] = string.Empty;
        message["payload"] = null;
        if (trigger)
        {
            message.AddIfNotEmpty("client", t.Expand("client", Config.Client));
            message.AddIfNotEmpty("client_url", t.Expand("client_url", Config.ClientUrl));
        }
        return (message, message, "details");
    }

    /// <summary>The v2 event without its custom details, and where they go.</summary>
    private (JsonObject Message, JsonObject DetailsOwner, string DetailsKey) RenderV2(TemplateExpander t, bool trigger, string dedupKey)
    {
        var routingKey = t.Expand("routing_key", ConfigValues.SecretOrFile(Config.RoutingKey, Config.RoutingKeyFile, "pagerduty routing_key"));
        if (routingKey.Length == 0)
        {
            throw new NotifyException($"{Integration}: routing key cannot be empty", retryable: false);
        }
        var payload = new JsonObject
        {
            ["summary"] = TextLimits.InRunes(t.Expand("description", Config.Description), MaxSummaryRunes),
            ["source"] = t.Expand("source", Config.Source),
            ["severity"] = t.Expand("severity", string.IsNullOrEmpty(Config.Severity) ? "error" : Config.Severity),
        };
        payload.AddIfNotEmpty("class", t.Expand("class", Config.Class));
        payload.AddIfNotEmpty("component", t.Expand("component", Config.Component));
        payload.AddIfNotEmpty("group", t.Expand("group", Config.Group));
        var message = new JsonObject
        {
            ["routing_key"] = routingKey,
            ["dedup_key"] = dedupKey,
            ["event_action"] = trigger ? "trigger" : "resolve",
            ["payload"] = payload,
        };
        message.AddIfNotEmpty("client", t.Expand("client", Config.Client));
        message.AddIfNotEmpty("client_url", t.Expand("client_url", Config.ClientUrl));
        var images = new JsonArray();
        foreach (var (image, i) in Config.Images.Select((image, i) => (image, i)))
        {
            var src = t.Expand($"images[{i}].src", image.Src);
            if (src.Length > 0)
            {
                images.Add(new JsonObject { ["src"] = src, ["alt"] = t.Expand($"images[{i}].alt", image.Alt), ["href"] = t.Expand($"images[{i}].href", image.Href) });
            }
        }
        var links = new JsonArray();
        foreach (var (link, i) in Config.Links.Select((link, i) => (link, i)))
        {
            var href = t.Expand($"links[{i}].href", link.Href);
            if (href.Length > 0)
            {
                links.Add(new JsonObject { ["href"] = href, ["text"] = t.Expand($"links[{i}].text", link.Text) });
            }
        }
        if (images.Count > 0)
        {
            message["images"] = images;
        }
        if (links.Count > 0)
        {
            message["links"] = links;
        }
        return (message, payload, "custom_details");
    }

    /// <summary>v1 events go to PagerDuty's v1 endpoint unless the configuration points <c>url</c> elsewhere.</summary>
    private Uri V1Endpoint() =>
        Config.Url.Text == GlobalConfig.DefaultPagerdutyUrl.Text ? V1Url : ConfigValues.AbsoluteUrl(Config.Url.Text, "pagerduty url");

    /// <summary>PagerDuty's 400 answer: <c>{"status", "message", "errors": [...]}</c>, shown as "message: errors".</summary>
    private static string? ErrorDetails(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }
            var message = doc.RootElement.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : string.Empty;
            var errors = doc.RootElement.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Array
                ? string.Join(',', e.EnumerateArray().Select(x => x.ToString()))
                : string.Empty;
            return string.Create(CultureInfo.InvariantCulture, $"{message}: {errors}");
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
