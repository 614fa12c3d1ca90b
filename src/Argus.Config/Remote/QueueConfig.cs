namespace Argus.Config.Remote;

/// <summary>Remote-write queue tuning (<c>queue_config</c>) with Prometheus' defaults.</summary>
public sealed class QueueConfig
{
    public int Capacity { get; init; } = 10000;

    public int MaxShards { get; init; } = 50;

    public int MinShards { get; init; } = 1;

    public int MaxSamplesPerSend { get; init; } = 2000;

    public TimeSpan BatchSendDeadline { get; init; } = TimeSpan.FromSeconds(5);

    public TimeSpan MinBackoff { get; init; } = TimeSpan.FromMilliseconds(30);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(5);

    public bool RetryOnRateLimit { get; init; }

    /// <summary>Samples older than this are dropped instead of sent; zero: no limit.</summary>
    public TimeSpan SampleAgeLimit { get; init; }

    public static QueueConfig Default { get; } = new();

    internal static QueueConfig Read(Yaml.YamlMap map)
    {
        var d = Default;
        var config = new QueueConfig
        {
            Capacity = map.Int32("capacity") ?? d.Capacity,
            MaxShards = map.Int32("max_shards") ?? d.MaxShards,
            MinShards = map.Int32("min_shards") ?? d.MinShards,
            MaxSamplesPerSend = map.Int32("max_samples_per_send") ?? d.MaxSamplesPerSend,
            BatchSendDeadline = map.Duration("batch_send_deadline", d.BatchSendDeadline),
            MinBackoff = map.Duration("min_backoff", d.MinBackoff),
            MaxBackoff = map.Duration("max_backoff", d.MaxBackoff),
            RetryOnRateLimit = map.Bool("retry_on_http_429", false),
            SampleAgeLimit = map.Duration("sample_age_limit", TimeSpan.Zero),
        };
        map.EnsureAllRead();
        if (config.Capacity <= 0)
        {
            throw map.ErrorAt("capacity", "queue_config.capacity must be greater than 0");
        }
        if (config.MaxShards <= 0)
        {
            throw map.ErrorAt("max_shards", "queue_config.max_shards must be greater than 0");
        }
        if (config.MinShards <= 0)
        {
            throw map.ErrorAt("min_shards", "queue_config.min_shards must be greater than 0");
        }
        if (config.MinShards > config.MaxShards)
        {
            throw map.ErrorAt("min_shards", "queue_config.min_shards must not be greater than queue_config.max_shards");
        }
        if (config.MaxSamplesPerSend <= 0)
        {
            throw map.ErrorAt("max_samples_per_send", "queue_config.max_samples_per_send must be greater than 0");
        }
        if (config.MaxBackoff < config.MinBackoff)
        {
            throw map.ErrorAt("max_backoff", "queue_config.max_backoff must not be less than queue_config.min_backoff");
        }
        return config;
    }
}
