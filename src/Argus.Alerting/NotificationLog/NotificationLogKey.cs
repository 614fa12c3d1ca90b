namespace Argus.Alerting.NotificationLog;

/// <summary>
/// Identifies one notification stream: the receiver, the integration (its kind and its position among the
/// receiver's integrations, as Alertmanager's <c>webhook[0]</c>), the aggregation group and, for Argus's
/// escalation, the step (0 for the route's own notifications, n for the n-th escalation step), so that a step
/// is logged apart from the route's notifications even when it names the same receiver.
/// </summary>
public readonly record struct NotificationLogKey(string Receiver, string Integration, int Index, string GroupKey, int Step = 0)
{
    /// <summary>One string for maps and the persisted record; the group key goes last because it may contain anything.</summary>
    public override string ToString()
    {
        var prefix = Receiver + "/" + Integration + "[" + Index.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]/";
        return Step == 0 ? prefix + GroupKey : prefix + "step" + Step.ToString(System.Globalization.CultureInfo.InvariantCulture) + "/" + GroupKey;
    }
}
