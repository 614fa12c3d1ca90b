using System.Diagnostics;
using System.Threading.Channels;
using Argus.Config.Alerting;
using Argus.Instrumentation.Metrics;
using Argus.Model.Labels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Argus.Rules.Notifier;

/// <summary>
/// Sends the rule manager's alerts to every Alertmanager of every <c>alerting.alertmanagers</c> entry, as
/// Prometheus's notifier does: <see cref="Send"/> adds external labels, applies <c>alert_relabel_configs</c> and
/// queues; a background loop takes batches of at most <see cref="NotifierOptions.MaxBatchSize"/> and posts each to
/// all Alertmanagers concurrently (API v2), after the entry's own <c>alert_relabel_configs</c>. A full queue drops
/// its oldest alerts; a batch that no Alertmanager of some entry accepted counts as dropped. There is no retry:
/// the rule manager resends firing alerts.
/// </summary>
/// <remarks>
/// Thread-safe. <see cref="ApplyConfigAsync"/> may be called at any time (reloads are expected to be serialised
/// by the caller) and never touches the queue, so a reload loses no alert.
/// </remarks>
public sealed class AlertNotifier : IAsyncDisposable
{
    private readonly NotifierOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly NotifierMetrics _metrics;
    private readonly LinkedList<OutgoingAlert> _queue = new();
    private readonly Channel<bool> _more = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly SemaphoreSlim _sendOrSwap = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private AlertLabeling _labeling = AlertLabeling.None;
    private IReadOnlyList<AlertmanagerSet> _sets = [];
    private Task? _loop;

    public AlertNotifier(NotifierOptions options, MetricsRegistry registry, ILogger? logger = null, TimeProvider? time = null)
    {
        if (options.QueueCapacity <= 0 || options.MaxBatchSize <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "queue capacity and batch size must be positive");
        }
        _options = options;
        _logger = logger ?? NullLogger.Instance;
        _time = time ?? TimeProvider.System;
        _metrics = new NotifierMetrics(registry, () => QueueLength, options.QueueCapacity, () => ActiveAlertmanagers.Count);
    }

    /// <summary>Alerts waiting to be sent.</summary>
    public int QueueLength
    {
        get
        {
            lock (_queue)
            {
                return _queue.Count;
            }
        }
    }

    /// <summary>The Alertmanagers alerts go to, over all entries (an Alertmanager in two entries appears twice).</summary>
    public IReadOnlyList<AlertmanagerTarget> ActiveAlertmanagers => Volatile.Read(ref _sets).SelectMany(s => s.Targets.Active).ToList();

    /// <summary>Discovered Alertmanagers that <c>relabel_configs</c> dropped, over all entries.</summary>
    public IReadOnlyList<AlertmanagerTarget> DroppedAlertmanagers => Volatile.Read(ref _sets).SelectMany(s => s.Targets.Dropped).ToList();

    /// <summary>
    /// Applies a (re)loaded <c>alerting</c> section and the global external labels. New Alertmanager sets are
    /// discovered once before they replace the old ones (seeded with the old sets' groups, so a failing discovery
    /// source does not lose its Alertmanagers). Alerts already queued keep the labels they were queued with.
    /// </summary>
    /// <exception cref="NotSupportedException">An entry uses an authentication the notifier cannot perform.</exception>
    public async Task ApplyConfigAsync(AlertingConfig alerting, LabelSet externalLabels, CancellationToken cancellationToken = default)
    {
        var previous = Volatile.Read(ref _sets);
        var next = new List<AlertmanagerSet>();
        try
        {
            for (var i = 0; i < alerting.Alertmanagers.Count; i++)
            {
                next.Add(new AlertmanagerSet(alerting.Alertmanagers[i], $"config-{i}", _options.UserAgent, OnTargetsChanged, _logger, _time));
            }
            await Task.WhenAll(next.Select((set, i) => set.StartAsync(i < previous.Count ? previous[i].GroupsBySource : null, cancellationToken)))
                .ConfigureAwait(false);
        }
        catch
        {
            foreach (var set in next)
            {
                await set.DisposeAsync().ConfigureAwait(false);
            }
            throw;
        }
        // Swap between batches, so no send uses a client that is being disposed.
        await _sendOrSwap.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Volatile.Write(ref _labeling, new AlertLabeling(externalLabels, alerting.AlertRelabelConfigs));
            Volatile.Write(ref _sets, next);
        }
        finally
        {
            _sendOrSwap.Release();
        }
        OnTargetsChanged();
        foreach (var set in previous)
        {
            await set.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Starts the sending loop; call once, after the first <see cref="ApplyConfigAsync"/>.</summary>
    public void Start() => _loop ??= Task.Run(() => RunAsync(_stop.Token));

    /// <summary>
    /// Labels and queues alerts for sending; returns at once. When the queue would overflow, the oldest queued
    /// alerts make room (and count in <c>prometheus_notifications_dropped_total</c>); of a batch larger than the
    /// whole queue only its newest alerts are kept.
    /// </summary>
    public void Send(IReadOnlyList<OutgoingAlert> alerts)
    {
        var labeling = Volatile.Read(ref _labeling);
        var labelled = new List<OutgoingAlert>(alerts.Count);
        foreach (var alert in alerts)
        {
            if (labeling.Apply(alert) is { } kept)
            {
                labelled.Add(kept);
            }
        }
        if (labelled.Count == 0)
        {
            return;
        }
        var capacity = _options.QueueCapacity;
        lock (_queue)
        {
            var skipped = Math.Max(0, labelled.Count - capacity);
            if (skipped > 0)
            {
                _metrics.Dropped.Inc(skipped);
                _logger.LogWarning("Alert batch larger than queue capacity, dropping {Count} alerts", skipped);
            }
            var overflow = _queue.Count + labelled.Count - skipped - capacity;
            if (overflow > 0)
            {
                for (var i = 0; i < overflow; i++)
                {
                    _queue.RemoveFirst();
                }
                _metrics.Dropped.Inc(overflow);
                _logger.LogWarning("Alert notification queue full, dropping {Count} alerts", overflow);
            }
            for (var i = skipped; i < labelled.Count; i++)
            {
                _queue.AddLast(labelled[i]);
            }
        }
        _more.Writer.TryWrite(true);
    }

    /// <summary>Sends batches whenever alerts are queued. When <see cref="StopAsync"/> completes the signal
    /// channel, drains what is left (if configured) and returns; cancellation only cuts sends short.</summary>
    private async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (await _more.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                _more.Reader.TryRead(out _);
                await SendQueuedAsync(cancellationToken).ConfigureAwait(false);
            }
            if (_options.DrainOnShutdown)
            {
                await SendQueuedAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            if (QueueLength > 0)
            {
                _logger.LogWarning("Stopped before the notification queue was drained; {Count} alerts not sent", QueueLength);
            }
        }
    }

    private async Task SendQueuedAsync(CancellationToken cancellationToken)
    {
        while (NextBatch() is { Count: > 0 } batch)
        {
            await SendBatchAsync(batch, cancellationToken).ConfigureAwait(false);
        }
    }

    private List<OutgoingAlert> NextBatch()
    {
        lock (_queue)
        {
            var batch = new List<OutgoingAlert>(Math.Min(_queue.Count, _options.MaxBatchSize));
            while (batch.Count < _options.MaxBatchSize && _queue.First is { } first)
            {
                batch.Add(first.Value);
                _queue.RemoveFirst();
            }
            return batch;
        }
    }

    /// <summary>Posts a batch to every Alertmanager of every set concurrently; counts it dropped when some set
    /// that had Alertmanagers to try accepted it on none of them.</summary>
    private async Task SendBatchAsync(List<OutgoingAlert> batch, CancellationToken cancellationToken)
    {
        await _sendOrSwap.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var attempts = new List<Task<bool>>();
            foreach (var set in Volatile.Read(ref _sets))
            {
                var alertmanagers = set.Targets.Active;
                if (alertmanagers.Count == 0)
                {
                    continue;
                }
                var alerts = RelabelForSet(set, batch);
                if (alerts.Count == 0)
                {
                    continue;
                }
                var payload = PostableAlertWriter.Write(alerts);
                var posts = alertmanagers.Select(am => PostOneAsync(set, am.Url, payload, alerts.Count, cancellationToken)).ToList();
                attempts.Add(AnySucceededAsync(posts));
            }
            var results = await Task.WhenAll(attempts).ConfigureAwait(false);
            if (results.Any(ok => !ok))
            {
                _metrics.Dropped.Inc(batch.Count);
            }
        }
        finally
        {
            _sendOrSwap.Release();
        }
    }

    private static List<OutgoingAlert> RelabelForSet(AlertmanagerSet set, List<OutgoingAlert> batch)
    {
        var rules = set.Config.AlertRelabelConfigs;
        if (rules.Count == 0)
        {
            return batch;
        }
        var result = new List<OutgoingAlert>(batch.Count);
        foreach (var alert in batch)
        {
            if (AlertLabeling.Relabel(alert, new LabelSetBuilder(alert.Labels), rules) is { } kept)
            {
                result.Add(kept);
            }
        }
        return result;
    }

    private static async Task<bool> AnySucceededAsync(List<Task<bool>> posts) => (await Task.WhenAll(posts).ConfigureAwait(false)).Any(ok => ok);

    private async Task<bool> PostOneAsync(AlertmanagerSet set, Uri url, byte[] payload, int count, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var ok = false;
        try
        {
            await set.PostAsync(url, payload, cancellationToken).ConfigureAwait(false);
            ok = true;
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException or IOException)
        {
            _logger.LogError("Error sending {Count} alerts to {Alertmanager}: {Error}", count, url, e.Message);
        }
        // A send cut short by shutdown throws past this line and is not counted as the Alertmanager's error.
        _metrics.Sent(url.AbsoluteUri, count, Stopwatch.GetElapsedTime(started), failed: !ok);
        return ok;
    }

    private void OnTargetsChanged() => _metrics.SetAlertmanagers(ActiveAlertmanagers.Select(a => a.Url.AbsoluteUri));

    /// <summary>Stops sending. With <see cref="NotifierOptions.DrainOnShutdown"/>, first sends what is queued until
    /// the queue is empty or <paramref name="cancellationToken"/> fires, which also cuts in-flight sends short.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _more.Writer.TryComplete();
        if (!_options.DrainOnShutdown)
        {
            await _stop.CancelAsync().ConfigureAwait(false);
        }
        using var deadline = cancellationToken.Register(_stop.Cancel);
        // A notifier that was never started still drains, through the same loop.
        _loop ??= RunAsync(_stop.Token);
        await _loop.ConfigureAwait(false);
        await _stop.CancelAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            // Disposing without a StopAsync abandons the queue rather than blocking on Alertmanagers.
            await _stop.CancelAsync().ConfigureAwait(false);
            await StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
        foreach (var set in Volatile.Read(ref _sets))
        {
            await set.DisposeAsync().ConfigureAwait(false);
        }
        _stop.Dispose();
    }
}
