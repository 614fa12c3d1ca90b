namespace Argus.Config.Storage;

/// <summary>The <c>storage</c> section: TSDB settings and the exemplar buffer (100000 by default).</summary>
public sealed class StorageConfig
{
    public TsdbConfig? Tsdb { get; init; }

    /// <summary>Size of the in-memory exemplar ring; zero or less disables exemplar storage.</summary>
    public long MaxExemplars { get; init; } = 100_000;

    public static StorageConfig Default { get; } = new();

    internal static StorageConfig Read(Yaml.YamlMap map)
    {
        var maxExemplars = 100_000L;
        if (map.Map("exemplars", "config.ExemplarsConfig") is { } exemplars)
        {
            maxExemplars = exemplars.Int64("max_exemplars") ?? 100_000;
            exemplars.EnsureAllRead();
        }
        var config = new StorageConfig
        {
            Tsdb = map.Map("tsdb", "config.TSDBConfig") is { } t ? TsdbConfig.Read(t) : null,
            MaxExemplars = maxExemplars,
        };
        map.EnsureAllRead();
        return config;
    }
}
