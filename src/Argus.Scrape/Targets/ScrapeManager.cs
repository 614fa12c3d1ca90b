using Argus.Config;
using Argus.Scrape.Discovery;
using Argus.Scrape.Scraping;
using Argus.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Argus.Scrape.Targets;

/// <summary>
/// Runs service discovery and scraping for all scrape configs. <see cref="ApplyConfigAsync"/> is the reload
/// entry point: new discoverers are refreshed once before the pools are synced, so a target present before
/// and after a reload keeps its loop (no gap, no staleness); a source whose first refresh fails keeps the
/// groups it had. Discovery then continues in the background at each source's refresh interval.
/// </summary>
/// <remarks>Thread-safe; reloads are serialised.</remarks>
public sealed class ScrapeManager : IAsyncDisposable
{
    private static readonly TimeSpan InitialRefreshTimeout = TimeSpan.FromSeconds(10);

    private readonly IAppendable _appendable;
    private readonly ScrapeStats _stats;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _reload = new(1, 1);
    private readonly Dictionary<string, ScrapePool> _pools = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (CancellationTokenSource Stop, List<Task> Runners, List<ITargetDiscoverer> Discoverers)> _discovery =
        new(StringComparer.Ordinal);

    public ScrapeManager(IAppendable appendable, ScrapeStats stats, ILogger? logger = null, TimeProvider? time = null)
    {
        _appendable = appendable;
        _stats = stats;
        _logger = logger ?? NullLogger.Instance;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The pools by job name, for the targets API.</summary>
    public IReadOnlyList<ScrapePool> Pools
    {
        get
        {
            lock (_pools)
            {
                return _pools.Values.ToList();
            }
        }
    }

    /// <summary>Applies a (re)loaded configuration.</summary>
    public async Task ApplyConfigAsync(IReadOnlyList<ScrapeConfig> configs, CancellationToken cancellationToken = default)
    {
        await _reload.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var wanted = configs.ToDictionary(c => c.JobName, StringComparer.Ordinal);
            foreach (var job in _pools.Keys.Where(j => !wanted.ContainsKey(j)).ToList())
            {
                await StopDiscoveryAsync(job).ConfigureAwait(false);
                ScrapePool pool;
                lock (_pools)
                {
                    pool = _pools[job];
                    _pools.Remove(job);
                }
                await pool.DisposeAsync().ConfigureAwait(false);
            }
            foreach (var config in configs)
            {
                await ApplyJobAsync(config, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _reload.Release();
        }
    }

    private async Task ApplyJobAsync(ScrapeConfig config, CancellationToken cancellationToken)
    {
        ScrapePool? pool;
        lock (_pools)
        {
            if (!_pools.TryGetValue(config.JobName, out pool))
            {
                pool = new ScrapePool(config, _appendable, _stats, _logger, _time);
                _pools[config.JobName] = pool;
            }
        }
        var discoverers = DiscovererFactory.Create(config.ServiceDiscovery, _logger);
        using (var initial = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            initial.CancelAfter(InitialRefreshTimeout);
            try
            {
                await Task.WhenAll(discoverers.Select(d => RefreshOnceAsync(pool, d, initial.Token))).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // A source slower than the initial timeout keeps its previous groups; its runner catches up.
                _logger.LogWarning("Initial discovery of job {Job} timed out; using the previous targets of slow sources", config.JobName);
            }
        }
        pool.RetainSources(discoverers.Select(d => d.Key).ToHashSet(StringComparer.Ordinal));
        pool.Reconfigure(config);
        await pool.SyncAsync().ConfigureAwait(false);

        await StopDiscoveryAsync(config.JobName).ConfigureAwait(false);
        var stop = new CancellationTokenSource();
        var runners = discoverers.Select(d => RunDiscovererAsync(pool, d, stop.Token)).ToList();
        _discovery[config.JobName] = (stop, runners, discoverers);
    }

    /// <summary>One refresh; on failure the pool keeps that source's previous groups.</summary>
    private async Task<bool> RefreshOnceAsync(ScrapePool pool, ITargetDiscoverer discoverer, CancellationToken cancellationToken)
    {
        try
        {
            var groups = await discoverer.RefreshAsync(cancellationToken).ConfigureAwait(false);
            pool.SetGroups(discoverer.Key, groups);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _logger.LogError("Discovery {Source} of job {Job} failed, keeping the last good targets: {Error}", discoverer.Key, pool.JobName, e.Message);
            return false;
        }
    }

    private Task RunDiscovererAsync(ScrapePool pool, ITargetDiscoverer discoverer, CancellationToken cancellationToken) =>
        DiscoveryLoop.RunAsync(discoverer, async token =>
        {
            if (await RefreshOnceAsync(pool, discoverer, token).ConfigureAwait(false))
            {
                await pool.SyncAsync().ConfigureAwait(false);
            }
        }, _time, cancellationToken);

    private async Task StopDiscoveryAsync(string job)
    {
        if (!_discovery.Remove(job, out var running))
        {
            return;
        }
        await running.Stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(running.Runners).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        running.Stop.Dispose();
        foreach (var discoverer in running.Discoverers)
        {
            discoverer.Dispose();
        }
    }

    /// <summary>Stops discovery and every loop, marking all scraped series stale.</summary>
    public ValueTask DisposeAsync() => StopAllAsync(writeStaleMarkers: true);

    /// <summary>Stops discovery and every loop for a server shutdown: no staleness markers, so series
    /// continue across a restart as they do in Prometheus.</summary>
    public ValueTask ShutdownAsync() => StopAllAsync(writeStaleMarkers: false);

    private async ValueTask StopAllAsync(bool writeStaleMarkers)
    {
        await _reload.WaitAsync().ConfigureAwait(false);
        try
        {
            foreach (var job in _discovery.Keys.ToList())
            {
                await StopDiscoveryAsync(job).ConfigureAwait(false);
            }
            foreach (var pool in Pools)
            {
                if (writeStaleMarkers)
                {
                    await pool.DisposeAsync().ConfigureAwait(false);
                }
                else
                {
                    await pool.ShutdownAsync().ConfigureAwait(false);
                }
            }
            lock (_pools)
            {
                _pools.Clear();
            }
        }
        finally
        {
            _reload.Release();
        }
    }
}
