namespace Argus.Alerting.Silences;

/// <summary>One change the silence store made durable: the silence as stored now, as it was before (null when it
/// was created), and why, when the caller said (for example "all matched alerts resolved").</summary>
public sealed record SilenceChange(Silence Current, Silence? Previous, string? Reason)
{
    /// <summary>True when the change created the silence.</summary>
    public bool IsCreation => Previous is null;

    /// <summary>True when the change ended a silence that had not ended yet, at <paramref name="now"/>.</summary>
    public bool IsExpiry(DateTime now) => Previous is not null && Previous.StateAt(now) != SilenceState.Expired && Current.EndsAt <= now;
}
