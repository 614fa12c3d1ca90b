namespace Argus.Alerting.Routing;

/// <summary>
/// A route's <c>silence_notifications</c> (an Argus extension): tell <see cref="Receiver"/> (the route's own
/// receiver when null) when a silence covering the route's alerts is created, is about to expire or expires.
/// Inherited by child routes like <c>group_wait</c>.
/// </summary>
public sealed record SilenceNotificationConfig
{
    /// <summary>Default of <see cref="ExpiringBefore"/>.</summary>
    public static readonly TimeSpan DefaultExpiringBefore = TimeSpan.FromHours(1);

    /// <summary>The receiver to tell; null means the route's receiver.</summary>
    public string? Receiver { get; init; }

    /// <summary>The events subscribed to; all three unless the configuration lists some.</summary>
    public IReadOnlyList<SilenceEventKind> Events { get; init; } = [SilenceEventKind.Created, SilenceEventKind.Expiring, SilenceEventKind.Expired];

    /// <summary>How long before its end a silence counts as expiring.</summary>
    public TimeSpan ExpiringBefore { get; init; } = DefaultExpiringBefore;

    /// <summary>1-based line in the file, 0 when built in code.</summary>
    public int Line { get; init; }

    /// <summary>1-based column in the file, 0 when built in code.</summary>
    public int Column { get; init; }

    public bool Includes(SilenceEventKind kind) => Events.Contains(kind);
}
