namespace Argus.Alerting.Groups;

/// <summary>
/// What Argus remembers about one aggregation group beyond Alertmanager's notification log: the current firing
/// episode (from its first notification until everything resolves), how far escalation got in it, who was
/// notified, and the acknowledgement. Immutable; <see cref="GroupStates"/> replaces it on every change and
/// persists the whole state each time.
/// </summary>
public sealed record GroupState
{
    public required string GroupKey { get; init; }

    /// <summary>The group's id (<see cref="GroupId.Of"/> of <see cref="GroupKey"/>).</summary>
    public string Id => GroupId.Of(GroupKey);

    /// <summary>When the group's current firing episode was first notified; null when no episode is running.
    /// Escalation steps are measured from it.</summary>
    public DateTime? EpisodeStart { get; init; }

    /// <summary>How many escalation steps have been notified in the current episode.</summary>
    public int StepsFired { get; init; }

    /// <summary>The receivers notified in the current episode, the route's first, then each step's, without repeats.</summary>
    public IReadOnlyList<string> Notified { get; init; } = [];

    public Acknowledgement? Acknowledgement { get; init; }

    /// <summary>When the state last changed; the newest state of a group wins on replay.</summary>
    public required DateTime UpdatedAt { get; init; }

    /// <summary>Whether the state holds nothing worth keeping (no episode and no acknowledgement).</summary>
    public bool IsEmpty => EpisodeStart is null && Acknowledgement is null && StepsFired == 0 && Notified.Count == 0;
}
