namespace Argus.Alerting.History;

/// <summary>Settings of a <see cref="HistoryLog"/>.</summary>
public sealed record HistoryLogOptions
{
    /// <summary>Default of <see cref="Retention"/>: a week, long enough to look back over an on-call rotation.</summary>
    public static readonly TimeSpan DefaultRetention = TimeSpan.FromDays(7);

    /// <summary>Default of <see cref="MaxBytes"/>: 64 MiB, a few hundred thousand events.</summary>
    public const long DefaultMaxBytes = 64L << 20;

    /// <summary>Directory for <c>history.snapshot</c> and <c>history.log</c>; null keeps the history in memory only.</summary>
    public string? Directory { get; init; }

    /// <summary>Events older than this are dropped (<c>--history.retention</c>).</summary>
    public TimeSpan Retention { get; init; } = DefaultRetention;

    /// <summary>When the encoded events exceed this many bytes the oldest are dropped (<c>--history.retention.size</c>).</summary>
    public long MaxBytes { get; init; } = DefaultMaxBytes;

    public TimeProvider Time { get; init; } = TimeProvider.System;
}
