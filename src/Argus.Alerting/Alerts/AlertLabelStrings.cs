using Argus.Model.Labels;

namespace Argus.Alerting.Alerts;

/// <summary>
/// Decides which label and annotation values of received alerts go into the process-wide
/// <see cref="LabelStrings"/> pool. Alert names, jobs, instances and severities repeat across thousands of alerts and
/// are worth sharing; but alerts also carry values that are different in every alert (a sequence number, a summary
/// with the value in it), and pooling those would only add to a pool that never evicts, and make every new alert
/// take the pool's write lock. So a value is pooled the second time it is seen: the first sighting only leaves its
/// hash in a small table.
/// </summary>
/// <remarks>
/// Thread-safe without locks: the table is a best-effort memory of recent hashes, and a lost race only pools a value
/// one sighting later (or one sighting early, when two values share a slot and a hash), which changes memory, never
/// results.
/// </remarks>
public static class AlertLabelStrings
{
    // 16 K slots (64 KB): a value repeated within the next few thousand unique values is still remembered.
    private const int SlotBits = 14;
    private static readonly int[] SeenHashes = new int[1 << SlotBits];

    /// <summary>The pooled instance of <paramref name="value"/> when it is pooled or seen before, else a new string.</summary>
    public static string Value(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty)
        {
            return string.Empty;
        }
        if (LabelStrings.TryGetPooled(value, out var pooled))
        {
            return pooled;
        }
        // string.GetHashCode is randomised per process, so a sender cannot aim values at one slot.
        var hash = string.GetHashCode(value) | 1;
        ref var slot = ref SeenHashes[hash & ((1 << SlotBits) - 1)];
        if (Volatile.Read(ref slot) == hash)
        {
            return LabelStrings.Intern(value);
        }
        Volatile.Write(ref slot, hash);
        return value.ToString();
    }
}
