namespace Argus.Tsdb.Tests;

/// <summary>Tests that measure the process-wide GC heap run alone: any test allocating in parallel
/// (block compaction, bulk appends) would be counted as theirs.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HeapMeasurementCollection
{
    public const string Name = "heap measurement";
}
