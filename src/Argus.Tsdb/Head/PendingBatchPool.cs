using System.Collections.Concurrent;

namespace Argus.Tsdb.Head;

/// <summary>
/// Reuses appender batch lists so a steady-state scrape does not reallocate its staging list. A list has
/// one owner between <see cref="Rent"/> and <see cref="Return"/>; returned lists are cleared so they do
/// not keep series alive.
/// </summary>
/// <remarks>Thread-safe.</remarks>
internal static class PendingBatchPool
{
    private const int MaxPooled = 64;
    private const int MaxRetainedCapacity = 1 << 20;
    private static readonly ConcurrentBag<List<PendingSample>> Pool = [];

    public static List<PendingSample> Rent() => Pool.TryTake(out var list) ? list : new List<PendingSample>(64);

    public static void Return(List<PendingSample> list)
    {
        list.Clear();
        if (list.Capacity <= MaxRetainedCapacity && Pool.Count < MaxPooled)
        {
            Pool.Add(list);
        }
    }
}
