namespace Argus.Alerting.NotificationLog;

/// <summary>
/// Identifies one notification stream: the receiver, the integration (its kind and its position among the
/// receiver's integrations, as Alertmanager's <c>webhook[0]</c>) and the aggregation group.
/// </summary>
public readonly record struct NotificationLogKey(string Receiver, string Integration, int Index, string GroupKey)
{
    /// <summary>One string for maps and the persisted record; the group key goes last because it may contain anything.</summary>
    public override string ToString() =>
        Receiver + "/" + Integration + "[" + Index.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]/" + GroupKey;
}
