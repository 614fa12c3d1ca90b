using Argus.Config;
using Argus.Config.Discovery;
using Argus.Scrape.Scraping;
using Argus.Storage;
using Microsoft.Extensions.Logging;

namespace Argus.Scrape.Targets;

/// <summary>
/// The targets of one scrape job: the latest target groups of each discovery source, the targets built from
/// them and one <see cref="ScrapeLoop"/> per distinct target. Syncing keeps the loop of every target whose
/// fingerprint is unchanged, starts loops for new targets and stops (with staleness markers) loops of targets
/// that went away.
/// </summary>
/// <remarks>Thread-safe: syncs are serialised; the target lists are replaced atomically.</remarks>
public sealed class ScrapePool : IAsyncDisposable
{
    private readonly IAppendable _appendable;
    private readonly ScrapeStats _stats;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _sync = new(1, 1);
    private readonly Dictionary<string, IReadOnlyList<TargetGroup>> _groups = new(StringComparer.Ordinal);
    private Dictionary<string, ActiveTarget> _loops = new(StringComparer.Ordinal);

    internal ScrapePool(ScrapeConfig config, IAppendable appendable, ScrapeStats stats, ILogger logger, TimeProvider time)
    {
        Config = config;
        _appendable = appendable;
        _stats = stats;
        _logger = logger;
        _time = time;
    }

    public string JobName => Config.JobName;

    public ScrapeConfig Config { get; private set; }

    public IReadOnlyList<ActiveTarget> ActiveTargets { get; private set; } = [];

    public IReadOnlyList<BuiltTarget> DroppedTargets { get; private set; } = [];

    /// <summary>Set while the job has more targets than its target_limit; then nothing of it is scraped.</summary>
    public string? TargetLimitError { get; private set; }

    internal bool HasGroups(string sourceKey)
    {
        lock (_groups)
        {
            return _groups.ContainsKey(sourceKey);
        }
    }

    /// <summary>Replaces the groups of one discovery source.</summary>
    internal void SetGroups(string sourceKey, IReadOnlyList<TargetGroup> groups)
    {
        lock (_groups)
        {
            _groups[sourceKey] = groups;
        }
    }

    /// <summary>Forgets the groups of sources no longer configured.</summary>
    internal void RetainSources(IReadOnlySet<string> sourceKeys)
    {
        lock (_groups)
        {
            foreach (var key in _groups.Keys.Where(k => !sourceKeys.Contains(k)).ToList())
            {
                _groups.Remove(key);
            }
        }
    }

    internal void Reconfigure(ScrapeConfig config) => Config = config;

    /// <summary>Brings the running loops in line with the current groups and configuration.</summary>
    public async Task SyncAsync()
    {
        await _sync.WaitAsync().ConfigureAwait(false);
        try
        {
            List<TargetGroup> groups;
            lock (_groups)
            {
                groups = _groups.OrderBy(p => p.Key, StringComparer.Ordinal).SelectMany(p => p.Value).ToList();
            }
            var config = Config;
            var built = TargetBuilder.Build(config, groups);
            var dropped = new List<BuiltTarget>();
            var wanted = new Dictionary<string, BuiltTarget>(StringComparer.Ordinal);
            foreach (var target in built)
            {
                if (target.Options is null)
                {
                    dropped.Add(target);
                    if (target.Error is not null)
                    {
                        _logger.LogWarning("Dropping a target of job {Job}: {Error}", JobName, target.Error);
                    }
                    continue;
                }
                wanted.TryAdd(TargetBuilder.Fingerprint(target.Options, config), target);
            }

            var limit = config.TargetLimit;
            if (limit > 0 && (ulong)wanted.Count > limit)
            {
                TargetLimitError = $"target_limit exceeded (number of targets: {wanted.Count}, limit: {limit})";
                _logger.LogError("Job {Job}: {Error}", JobName, TargetLimitError);
                wanted.Clear();
            }
            else
            {
                TargetLimitError = null;
            }

            var next = new Dictionary<string, ActiveTarget>(StringComparer.Ordinal);
            var toStop = new List<ScrapeLoop>();
            foreach (var (fingerprint, active) in _loops)
            {
                if (wanted.ContainsKey(fingerprint))
                {
                    next[fingerprint] = active;
                }
                else
                {
                    toStop.Add(active.Loop);
                }
            }
            foreach (var (fingerprint, target) in wanted)
            {
                if (!next.ContainsKey(fingerprint))
                {
                    var loop = new ScrapeLoop(target.Options!, _appendable, _stats, _logger, _time);
                    loop.Start();
                    next[fingerprint] = new ActiveTarget(target.DiscoveredLabels, target.Options!, loop);
                }
            }
            _loops = next;
            ActiveTargets = next.Values.ToList();
            DroppedTargets = dropped;
            foreach (var loop in toStop)
            {
                await loop.DisposeAfterStopAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _sync.Release();
        }
    }

    /// <summary>Stops every loop, writing staleness markers (the pool's job was removed).</summary>
    public ValueTask DisposeAsync() => StopAllAsync(writeStaleMarkers: true);

    /// <summary>Stops every loop without staleness markers: the server is shutting down, and as in
    /// Prometheus the series should continue seamlessly after a restart rather than end.</summary>
    public ValueTask ShutdownAsync() => StopAllAsync(writeStaleMarkers: false);

    private async ValueTask StopAllAsync(bool writeStaleMarkers)
    {
        await _sync.WaitAsync().ConfigureAwait(false);
        try
        {
            foreach (var active in _loops.Values)
            {
                if (writeStaleMarkers)
                {
                    await active.Loop.DisposeAfterStopAsync().ConfigureAwait(false);
                }
                else
                {
                    await active.Loop.DisposeAsync().ConfigureAwait(false);
                }
            }
            _loops.Clear();
            ActiveTargets = [];
        }
        finally
        {
            _sync.Release();
        }
    }
}
