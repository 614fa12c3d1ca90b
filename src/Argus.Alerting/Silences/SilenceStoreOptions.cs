namespace Argus.Alerting.Silences;

/// <summary>Settings of a <see cref="SilenceStore"/>.</summary>
public sealed record SilenceStoreOptions
{
    /// <summary>Directory for the snapshot and log; null keeps silences in memory only.</summary>
    public string? Directory { get; init; }

    /// <summary>How long an expired silence is kept (Alertmanager's <c>--data.retention</c>, default 120h).</summary>
    public TimeSpan Retention { get; init; } = TimeSpan.FromHours(120);

    /// <summary>The clock; tests pass a fixed one.</summary>
    public Func<DateTime> UtcNow { get; init; } = () => DateTime.UtcNow;
}
