namespace Argus.Tsdb.Head;

/// <summary>One stripe of the head's label-hash map, guarded by <see cref="Lock"/>.</summary>
internal sealed class HeadStripe
{
    public Lock Lock { get; } = new();

    /// <summary>Label-set hash → first series with that hash (collisions chain through NextWithSameHash).</summary>
    public Dictionary<ulong, MemSeries> ByHash { get; } = [];
}
