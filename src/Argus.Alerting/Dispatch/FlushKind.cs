namespace Argus.Alerting.Dispatch;

/// <summary>Why the dispatcher flushes a group.</summary>
public enum FlushKind
{
    /// <summary>The end of <c>group_wait</c> or of a <c>group_interval</c>: the route's receiver and the escalation
    /// steps are both considered, resolved alerts reported, the episode ended when nothing fires.</summary>
    Regular,

    /// <summary>An escalation step fell due between regular flushes: only the escalation steps are considered.</summary>
    Escalation,
}
