using Argus.Model.Labels;

namespace Argus.Rules.Alerting;

/// <summary>
/// One alert of an alerting rule, identified by its label set. Mutated only by the owning
/// <see cref="AlertStateMachine"/> during an evaluation; readers (API, notifier) get copies via
/// <see cref="Clone"/> so they never see a half-updated alert.
/// </summary>
public sealed class Alert
{
    public required LabelSet Labels { get; set; }

    public IReadOnlyList<KeyValuePair<string, string>> Annotations { get; set; } = [];

    public AlertState State { get; set; }

    /// <summary>The sample value that produced the alert at the last evaluation.</summary>
    public double Value { get; set; }

    /// <summary>When the condition first became true (start of pending).</summary>
    public DateTimeOffset ActiveAt { get; set; }

    /// <summary>When the alert went firing; default while it has not.</summary>
    public DateTimeOffset FiredAt { get; set; }

    /// <summary>When the alert became inactive; default while active.</summary>
    public DateTimeOffset ResolvedAt { get; set; }

    /// <summary>When the alert was last handed to the notifier; default if never.</summary>
    public DateTimeOffset LastSentAt { get; set; }

    /// <summary>When the condition went away while <c>keep_firing_for</c> holds the alert firing; default otherwise.</summary>
    public DateTimeOffset KeepFiringSince { get; set; }

    /// <summary>The last time the alert was (re)sent as still valid, for the notifier's EndsAt.</summary>
    public DateTimeOffset ValidUntil { get; set; }

    /// <summary>The output series' labels last built for this alert (immutable, so clones share it).</summary>
    internal AlertSeriesLabels? SeriesLabels { get; set; }

    public Alert Clone() => (Alert)MemberwiseClone();
}
