using System.Text.Json.Serialization;

namespace Argus.Templates.Alertmanager;

/// <summary>One alert as notification templates see it (Alertmanager's <c>template.Alert</c>).</summary>
public sealed class NotificationAlert
{
    [JsonPropertyName("status")]
    public required string Status { get; init; }

    [JsonPropertyName("labels")]
    public required KV Labels { get; init; }

    [JsonPropertyName("annotations")]
    public required KV Annotations { get; init; }

    [JsonPropertyName("startsAt")]
    public DateTimeOffset StartsAt { get; init; }

    /// <summary>The end time; Go's zero time (<see cref="DateTimeOffset.MinValue"/>) for a firing alert without a known end.</summary>
    [JsonPropertyName("endsAt")]
    public DateTimeOffset EndsAt { get; init; } = DateTimeOffset.MinValue;

    [JsonPropertyName("generatorURL")]
    public string GeneratorURL { get; init; } = string.Empty;

    [JsonPropertyName("fingerprint")]
    public string Fingerprint { get; init; } = string.Empty;
}
