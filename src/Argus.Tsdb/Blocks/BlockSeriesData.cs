using Argus.Model.Labels;
using Argus.Tsdb.Chunks;

namespace Argus.Tsdb.Blocks;

/// <summary>One series handed to <see cref="BlockWriter"/>: labels and its chunks in time order.</summary>
internal sealed record BlockSeriesData(LabelSet Labels, List<SealedChunk> Chunks);
