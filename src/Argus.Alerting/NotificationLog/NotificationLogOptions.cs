namespace Argus.Alerting.NotificationLog;

/// <summary>Settings of a <see cref="NotificationLog"/>.</summary>
public sealed record NotificationLogOptions
{
    /// <summary>Directory for <c>nflog.snapshot</c> and <c>nflog.log</c>; null keeps the log in memory only.</summary>
    public string? Directory { get; init; }

    /// <summary>How long an entry is kept after its notification (Alertmanager's <c>--data.retention</c>, default 120h).</summary>
    public TimeSpan Retention { get; init; } = TimeSpan.FromHours(120);

    /// <summary>The clock; tests pass a controlled one.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
