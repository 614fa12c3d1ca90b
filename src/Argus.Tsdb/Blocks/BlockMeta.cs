using System.Text.Json;
using System.Text.Json.Serialization;

namespace Argus.Tsdb.Blocks;

/// <summary>Contents of a block's <c>meta.json</c> (docs/format/index.md). Immutable.</summary>
internal sealed record BlockMeta
{
    public const int CurrentVersion = 1;

    [JsonPropertyName("id")]
    public required string Id { get; init; }

    /// <summary>Inclusive lower bound of the block's samples (ms).</summary>
    [JsonPropertyName("minTime")]
    public long MinTime { get; init; }

    /// <summary>Exclusive upper bound of the block's samples (ms).</summary>
    [JsonPropertyName("maxTime")]
    public long MaxTime { get; init; }

    [JsonPropertyName("numSeries")]
    public long NumSeries { get; init; }

    [JsonPropertyName("numChunks")]
    public long NumChunks { get; init; }

    [JsonPropertyName("numSamples")]
    public long NumSamples { get; init; }

    /// <summary>1 for blocks cut from the head, one more than the highest input for compacted blocks.</summary>
    [JsonPropertyName("level")]
    public int Level { get; init; } = 1;

    [JsonPropertyName("version")]
    public int Version { get; init; } = CurrentVersion;

    public static BlockMeta Read(string path)
    {
        var meta = JsonSerializer.Deserialize<BlockMeta>(File.ReadAllBytes(path))
            ?? throw new FormatException($"{path}: empty block meta");
        if (meta.Version != CurrentVersion)
        {
            throw new FormatException($"{path}: unsupported block version {meta.Version}");
        }
        return meta;
    }

    public void Write(string path) => File.WriteAllBytes(path, JsonSerializer.SerializeToUtf8Bytes(this, new JsonSerializerOptions { WriteIndented = true }));
}
