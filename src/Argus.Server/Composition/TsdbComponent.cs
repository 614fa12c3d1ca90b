using Argus.Instrumentation.Metrics;
using Argus.Server.Config;
using Argus.Server.Options;
using Argus.Tsdb;
using Microsoft.Extensions.Logging;

namespace Argus.Server.Composition;

/// <summary>Opens the embedded TSDB under <c>--storage.tsdb.path</c> (replaying the WAL), publishes its
/// statistics as <c>argus_tsdb_*</c> metrics, and closes it cleanly at shutdown.</summary>
internal sealed class TsdbComponent(StorageOptions options, StorageHandle handle, MetricsRegistry registry, ILoggerFactory loggers) : IServerComponent
{
    public string Name => "tsdb";

    public Task StartAsync(LoadedConfig config, CancellationToken cancellationToken)
    {
        var window = config.Config.Storage.Tsdb?.OutOfOrderTimeWindow ?? TimeSpan.Zero;
        var storage = TsdbStorage.Open(
            new TsdbOptions
            {
                Dir = Path.GetFullPath(options.Path),
                RetentionTime = options.RetentionTime,
                RetentionSize = options.RetentionSizeBytes,
                OutOfOrderWindow = window > TimeSpan.Zero ? window : options.OutOfOrderTimeWindow,
                BlockDuration = options.MinBlockDuration,
            },
            loggers);
        handle.Attach(storage);
        TsdbMetrics.Register(registry, storage.Stats);
        return Task.CompletedTask;
    }

    public Task ApplyConfigAsync(LoadedConfig config, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken)
    {
        var storage = handle.Current;
        handle.Attach(null);
        storage?.Dispose();
        return Task.CompletedTask;
    }
}
