namespace Argus.Alerting.Silences;

/// <summary>A silence's state at a given time: before its start, between start and end, after its end.</summary>
public enum SilenceState
{
    Pending,
    Active,
    Expired,
}
