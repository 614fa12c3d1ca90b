namespace Argus.Config.Storage;

/// <summary><c>storage.tsdb.retention</c>: how long and how much to keep (zero: not set).</summary>
public sealed class TsdbRetentionConfig
{
    public TimeSpan Time { get; init; }

    public ByteSize Size { get; init; }

    /// <summary>Share of the disk the blocks may use, 0–100; zero: not set.</summary>
    public double Percentage { get; init; }

    internal static TsdbRetentionConfig Read(Yaml.YamlMap map)
    {
        var config = new TsdbRetentionConfig
        {
            Time = map.Duration("time", TimeSpan.Zero),
            Size = map.Size("size") ?? default,
            Percentage = map.Double("percentage") ?? 0,
        };
        map.EnsureAllRead();
        if (config.Size.Bytes < 0)
        {
            throw map.ErrorAt("size", "retention size must not be negative");
        }
        if (config.Percentage is < 0 or > 100 || double.IsNaN(config.Percentage))
        {
            throw map.ErrorAt("percentage", $"retention percentage must be between 0 and 100, got {config.Percentage}");
        }
        return config;
    }
}
