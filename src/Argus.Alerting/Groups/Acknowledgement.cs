namespace Argus.Alerting.Groups;

/// <summary>
/// Someone took responsibility for an alert group: no escalation steps and no repeats until a new alert fires in
/// the group or all of it resolves. <see cref="Firing"/> is the set of firing alerts acknowledged; an alert firing
/// outside it ends the acknowledgement. An acknowledgement made by an acknowledgement silence
/// (<see cref="SilenceId"/>) lasts while that silence is active and covers every firing alert of the group.
/// </summary>
public sealed record Acknowledgement
{
    public required string By { get; init; }

    public required string Comment { get; init; }

    public required DateTime At { get; init; }

    /// <summary>Fingerprints of the group's firing alerts when it was acknowledged, sorted.</summary>
    public required IReadOnlyList<ulong> Firing { get; init; }

    /// <summary>The acknowledgement silence that made it, or null (the API, a signed link).</summary>
    public string? SilenceId { get; init; }
}
