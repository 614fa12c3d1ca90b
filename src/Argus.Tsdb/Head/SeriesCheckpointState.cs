using Argus.Model;
using Argus.Tsdb.Chunks;

namespace Argus.Tsdb.Head;

/// <summary>Everything a checkpoint or snapshot stores for one series, captured under its lock.</summary>
internal readonly record struct SeriesCheckpointState(MemSeries Series, SealedChunk[] Chunks, Sample[] OutOfOrder, TimeInterval[] Deleted, double LastValue);
