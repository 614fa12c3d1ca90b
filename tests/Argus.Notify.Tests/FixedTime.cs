namespace Argus.Notify.Tests;

/// <summary>A clock standing still at a given instant, so signatures and dates are predictable.</summary>
internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
