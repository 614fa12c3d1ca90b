using Argus.Alerting.History;

namespace Argus.Alerting.Groups;

/// <summary>Settings of a <see cref="GroupStates"/>.</summary>
public sealed record GroupStatesOptions
{
    /// <summary>Directory for <c>groups.snapshot</c> and <c>groups.log</c>; null keeps the states in memory only.</summary>
    public string? Directory { get; init; }

    /// <summary>How long the state of a group that no longer exists is kept after its last change.</summary>
    public TimeSpan Retention { get; init; } = TimeSpan.FromHours(120);

    /// <summary>Where acknowledgements and escalation steps are recorded; null records nothing.</summary>
    public HistoryLog? History { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;
}
