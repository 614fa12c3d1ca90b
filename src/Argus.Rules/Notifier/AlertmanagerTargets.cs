namespace Argus.Rules.Notifier;

/// <summary>The result of building the Alertmanagers of one set from its discovered groups.</summary>
/// <param name="Active">Alertmanagers alerts are sent to, distinct by URL, in discovery order.</param>
/// <param name="Dropped">Targets that <c>relabel_configs</c> dropped.</param>
/// <param name="Errors">Targets that could not become an Alertmanager (bad address or scheme), one message each.</param>
public sealed record AlertmanagerTargets(
    IReadOnlyList<AlertmanagerTarget> Active,
    IReadOnlyList<AlertmanagerTarget> Dropped,
    IReadOnlyList<string> Errors)
{
    public static AlertmanagerTargets None { get; } = new([], [], []);
}
