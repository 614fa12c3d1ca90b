using System.Text.Json.Serialization;

namespace Argus.Templates.Alertmanager;

/// <summary>
/// Argus: the silence a silence-lifecycle notification is about, as templates see it (<c>.Silence.Event</c>,
/// <c>.Silence.Matchers</c>, …) and as the webhook body carries it.
/// </summary>
public sealed class NotificationSilence
{
    /// <summary><c>created</c>, <c>expiring</c> or <c>expired</c>.</summary>
    [JsonPropertyName("event")]
    public required string Event { get; init; }

    [JsonPropertyName("id")]
    public required string ID { get; init; }

    /// <summary>The matchers in PromQL notation, e.g. <c>{alertname="DiskFull", env=~"prod|stage"}</c>.</summary>
    [JsonPropertyName("matchers")]
    public required string Matchers { get; init; }

    [JsonPropertyName("createdBy")]
    public required string CreatedBy { get; init; }

    [JsonPropertyName("comment")]
    public required string Comment { get; init; }

    [JsonPropertyName("startsAt")]
    public required DateTimeOffset StartsAt { get; init; }

    [JsonPropertyName("endsAt")]
    public required DateTimeOffset EndsAt { get; init; }
}
