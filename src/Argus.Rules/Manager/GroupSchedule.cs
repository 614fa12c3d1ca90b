namespace Argus.Rules.Manager;

/// <summary>
/// When a group is evaluated: on multiples of its interval shifted by a stable per-group offset (a hash
/// of the group's file and name modulo the interval), as Prometheus aligns groups. Groups with the same
/// interval thus spread over the interval instead of all running at once, and a restart keeps each
/// group's phase.
/// </summary>
public static class GroupSchedule
{
    /// <summary>The group's offset within its interval.</summary>
    public static TimeSpan Offset(string file, string name, TimeSpan interval)
    {
        var ticks = interval.Ticks;
        return ticks <= 0 ? TimeSpan.Zero : TimeSpan.FromTicks((long)(Fnv1a64(name + ";" + file) % (ulong)ticks));
    }

    /// <summary>The latest evaluation time of the group's schedule at or before <paramref name="now"/>.</summary>
    public static DateTimeOffset LatestSlot(DateTimeOffset now, string file, string name, TimeSpan interval)
    {
        var offset = Offset(file, name, interval).Ticks;
        var adjusted = now.UtcTicks - offset;
        var slot = adjusted - (adjusted % interval.Ticks) + offset;
        return new DateTimeOffset(slot, TimeSpan.Zero);
    }

    /// <summary>64-bit FNV-1a over the UTF-16 code units' low and high bytes: stable across runs and platforms.</summary>
    private static ulong Fnv1a64(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var ch in text)
        {
            hash = (hash ^ (byte)ch) * 1099511628211UL;
            hash = (hash ^ (byte)(ch >> 8)) * 1099511628211UL;
        }
        return hash;
    }
}
