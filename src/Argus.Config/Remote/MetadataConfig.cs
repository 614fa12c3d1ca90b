namespace Argus.Config.Remote;

/// <summary>Remote-write metadata sending (<c>metadata_config</c>): on by default, every minute.</summary>
public sealed class MetadataConfig
{
    public bool Send { get; init; } = true;

    public TimeSpan SendInterval { get; init; } = TimeSpan.FromMinutes(1);

    public int MaxSamplesPerSend { get; init; } = 2000;

    public static MetadataConfig Default { get; } = new();

    internal static MetadataConfig Read(Yaml.YamlMap map)
    {
        var config = new MetadataConfig
        {
            Send = map.Bool("send", true),
            SendInterval = map.Duration("send_interval", TimeSpan.FromMinutes(1)),
            MaxSamplesPerSend = map.Int32("max_samples_per_send") ?? 2000,
        };
        map.EnsureAllRead();
        return config;
    }
}
