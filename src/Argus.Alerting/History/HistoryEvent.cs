using Argus.Alerting.Alerts;
using Argus.Model.Labels;

namespace Argus.Alerting.History;

/// <summary>
/// One entry of the alert history: at <see cref="At"/>, <see cref="Kind"/> happened to the alert with
/// <see cref="Labels"/> (its <see cref="Fingerprint"/>). Silence events carry the silence's equality matchers as
/// labels (and their fingerprint), so that the same label filters find them. The optional fields say where
/// (group, receiver, integration), who (<see cref="By"/>) and anything else worth keeping (<see cref="Detail"/>).
/// </summary>
public sealed record HistoryEvent
{
    /// <summary>Position in the history, assigned when recorded; increases with every event.</summary>
    public long Sequence { get; init; }

    public required DateTime At { get; init; }

    public required HistoryEventKind Kind { get; init; }

    public required ulong Fingerprint { get; init; }

    public required LabelSet Labels { get; init; }

    /// <summary>The aggregation group's id (16 hex digits), when the event concerns a group.</summary>
    public string? GroupId { get; init; }

    public string? Receiver { get; init; }

    public string? Integration { get; init; }

    /// <summary>Who caused the event (the acknowledging person, the silence's author).</summary>
    public string? By { get; init; }

    public string? Detail { get; init; }

    /// <summary>An event of <paramref name="kind"/> about <paramref name="alert"/>; callers add the optional fields with <c>with</c>.</summary>
    public static HistoryEvent For(Alert alert, HistoryEventKind kind, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return new HistoryEvent { At = at, Kind = kind, Fingerprint = alert.Fingerprint, Labels = alert.Labels };
    }
}
