namespace Argus.Config.Storage;

/// <summary><c>storage.tsdb</c>: settings of the local TSDB that may change at reload.</summary>
public sealed class TsdbConfig
{
    /// <summary>How far back out-of-order samples are accepted; zero disables them.</summary>
    public TimeSpan OutOfOrderTimeWindow { get; init; }

    /// <summary><see cref="OutOfOrderTimeWindow"/> in milliseconds, the TSDB's unit.</summary>
    public long OutOfOrderTimeWindowMilliseconds => (long)OutOfOrderTimeWindow.TotalMilliseconds;

    public TsdbRetentionConfig? Retention { get; init; }

    /// <summary>Share of stale series in the head that triggers an early compaction; zero: off.</summary>
    public double StaleSeriesCompactionThreshold { get; init; }

    /// <summary>Float chunk encoding: <c>xor</c> (default) or <c>xor2</c>.</summary>
    public string FloatChunkEncoding { get; init; } = "xor";

    internal static TsdbConfig Read(Yaml.YamlMap map)
    {
        var encoding = "xor";
        if (map.Map("chunk_encoding", "tsdb.ChunkEncodingConfig") is { } chunkEncoding)
        {
            encoding = chunkEncoding.String("floats") ?? "xor";
            if (encoding is not ("xor" or "xor2"))
            {
                throw chunkEncoding.ErrorAt("floats", $"invalid float chunk encoding \"{encoding}\", must be \"xor\" or \"xor2\"");
            }
            chunkEncoding.EnsureAllRead();
        }
        var config = new TsdbConfig
        {
            OutOfOrderTimeWindow = map.Duration("out_of_order_time_window", TimeSpan.Zero),
            Retention = map.Map("retention", "config.TSDBRetentionConfig") is { } r ? TsdbRetentionConfig.Read(r) : null,
            StaleSeriesCompactionThreshold = map.Double("stale_series_compaction_threshold") ?? 0,
            FloatChunkEncoding = encoding,
        };
        map.EnsureAllRead();
        if (config.StaleSeriesCompactionThreshold is < 0 or > 1 || double.IsNaN(config.StaleSeriesCompactionThreshold))
        {
            throw map.ErrorAt("stale_series_compaction_threshold", "stale_series_compaction_threshold must be between 0 and 1");
        }
        return config;
    }
}
