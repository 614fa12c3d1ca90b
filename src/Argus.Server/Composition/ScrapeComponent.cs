using Argus.Scrape.Scraping;
using Argus.Scrape.Targets;
using Argus.Server.Config;
using Argus.Storage;
using Microsoft.Extensions.Logging;

namespace Argus.Server.Composition;

/// <summary>Runs the scrape manager: one loop per discovered target, appending into storage. A reload
/// hands it the new scrape configs; unchanged targets keep their loops.</summary>
internal sealed class ScrapeComponent(IAppendable storage, ScrapeStats stats, ILogger logger) : IServerComponent
{
    private ScrapeManager? _manager;

    public string Name => "scrape manager";

    public async Task StartAsync(LoadedConfig config, CancellationToken cancellationToken)
    {
        _manager = new ScrapeManager(storage, stats, logger);
        await _manager.ApplyConfigAsync(config.Config.ScrapeConfigs, cancellationToken).ConfigureAwait(false);
    }

    public Task ApplyConfigAsync(LoadedConfig config, CancellationToken cancellationToken) =>
        _manager!.ApplyConfigAsync(config.Config.ScrapeConfigs, cancellationToken);

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_manager is not null)
        {
            // No staleness markers at shutdown: after a restart the series continue, as in Prometheus.
            await _manager.ShutdownAsync().ConfigureAwait(false);
            _manager = null;
        }
    }

    /// <summary>The running pools, for the targets API (null before start).</summary>
    public ScrapeManager? Manager => _manager;
}
