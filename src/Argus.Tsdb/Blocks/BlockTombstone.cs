using System.Text.Json.Serialization;

namespace Argus.Tsdb.Blocks;

/// <summary>A deletion recorded against one series of a block (persisted in the block's <c>tombstones.json</c>).</summary>
internal sealed record BlockTombstone(
    [property: JsonPropertyName("series")] int Series,
    [property: JsonPropertyName("minTime")] long MinTime,
    [property: JsonPropertyName("maxTime")] long MaxTime);
