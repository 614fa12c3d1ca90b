using System.Diagnostics;
using Argus.Alerting.Alerts;
using Argus.Alerting.Dispatch;
using Argus.Alerting.NotificationLog;
using Argus.Alerting.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Argus.Notify.Pipeline;

/// <summary>
/// What happens to one flush of an aggregation group, in Alertmanager's order of stages: time intervals
/// (<c>mute_time_intervals</c>, <c>active_time_intervals</c>) may mute the whole flush; inhibited and silenced
/// alerts are removed; then, for each integration of the receiver in parallel, the flush is de-duplicated
/// against the notification log, resolved alerts are dropped when the integration does not send them, the
/// notification is sent with retries until the group's next flush, and a success is written to the log.
/// </summary>
/// <remarks>
/// It lives in Argus.Notify because it drives <see cref="INotifier"/>s; the dispatcher in Argus.Alerting sees it
/// only as a <see cref="GroupFlushHandler"/>. Built per configuration; thread-safe (flushes of different groups
/// run concurrently, and all shared state is in thread-safe stores).
/// </remarks>
public sealed class NotificationPipeline
{
    private readonly NotificationPipelineOptions _options;
    private readonly Dictionary<string, IReadOnlyList<INotifier>> _integrations = new(StringComparer.Ordinal);
    private readonly ILogger _logger;

    public NotificationPipeline(NotificationPipelineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _logger = options.Logger ?? NullLogger.Instance;
        foreach (var receiver in options.Config.Receivers)
        {
            _integrations[receiver.Name] = options.Integrations(receiver);
        }
    }

    /// <summary>The <see cref="GroupFlushHandler"/> to give the dispatcher.</summary>
    public GroupFlushHandler Handler => FlushAsync;

    /// <summary>Processes one flush; true when every integration delivered or had nothing to deliver.</summary>
    public async Task<bool> FlushAsync(GroupNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var now = notification.Now;
        if (IsMutedByTime(notification.Route, now))
        {
            return true;
        }
        var alerts = new List<Alert>(notification.Alerts.Count);
        foreach (var alert in notification.Alerts)
        {
            if (_options.Inhibitor.InhibitedBy(alert.Labels, now).Count == 0 && _options.Silences.MutedBy(alert.Labels).Count == 0)
            {
                alerts.Add(alert);
            }
        }
        if (alerts.Count == 0 || !_integrations.TryGetValue(notification.Route.Receiver, out var integrations) || integrations.Count == 0)
        {
            return true;
        }
        var firing = alerts.Where(a => !a.IsResolved(now)).Select(a => a.Fingerprint).ToHashSet();
        var resolved = alerts.Where(a => a.IsResolved(now)).Select(a => a.Fingerprint).ToHashSet();
        var tasks = new Task<bool>[integrations.Count];
        for (var i = 0; i < integrations.Count; i++)
        {
            var notifier = integrations[i];
            var index = integrations.Take(i).Count(n => n.Integration == notifier.Integration);
            var key = new NotificationLogKey(notification.Route.Receiver, notifier.Integration, index, notification.GroupKey);
            tasks[i] = NotifyIntegrationAsync(notifier, key, notification, alerts, firing, resolved, cancellationToken);
        }
        var results = await Task.WhenAll(tasks).ConfigureAwait(false);
        return results.All(r => r);
    }

    /// <summary>A route's own time intervals: muted inside any mute interval, and outside all active ones.</summary>
    private bool IsMutedByTime(Route route, DateTime now)
    {
        var intervals = _options.Config.TimeIntervals;
        var instant = new DateTimeOffset(now, TimeSpan.Zero);
        if (route.MuteTimeIntervals.Any(name => intervals.TryGetValue(name, out var interval) && interval.Contains(instant)))
        {
            return true;
        }
        return route.ActiveTimeIntervals.Count > 0 &&
            !route.ActiveTimeIntervals.Any(name => intervals.TryGetValue(name, out var interval) && interval.Contains(instant));
    }

    /// <summary>
    /// Alertmanager's de-duplication rule: notify a group never notified only if something fires; notify when an
    /// alert fires that was not firing last time; when nothing fires any more, notify only if the last notification
    /// reported firing alerts; notify newly resolved alerts to integrations that send resolved ones; otherwise
    /// repeat only after <c>repeat_interval</c>.
    /// </summary>
    public static bool NeedsUpdate(NotificationLogEntry? entry, IReadOnlySet<ulong> firing, IReadOnlySet<ulong> resolved, bool sendResolved, TimeSpan repeatInterval, DateTime now)
    {
        if (entry is null)
        {
            return firing.Count > 0;
        }
        if (!entry.IsFiringSubset(firing))
        {
            return true;
        }
        if (firing.Count == 0)
        {
            return entry.FiringAlerts.Count > 0;
        }
        if (sendResolved && !entry.IsResolvedSubset(resolved))
        {
            return true;
        }
        return entry.Timestamp <= now - repeatInterval;
    }

    private async Task<bool> NotifyIntegrationAsync(
        INotifier notifier,
        NotificationLogKey key,
        GroupNotification notification,
        List<Alert> alerts,
        HashSet<ulong> firing,
        HashSet<ulong> resolved,
        CancellationToken cancellationToken)
    {
        var entry = _options.NotificationLog.Query(key);
        if (!NeedsUpdate(entry, firing, resolved, notifier.SendResolved, notification.Route.RepeatInterval, notification.Now))
        {
            return true;
        }
        var toSend = notifier.SendResolved ? alerts : alerts.Where(a => firing.Contains(a.Fingerprint)).ToList();
        if (toSend.Count > 0)
        {
            var request = new NotificationRequest
            {
                Receiver = notification.Route.Receiver,
                GroupKey = notification.GroupKey,
                GroupLabels = notification.GroupLabels,
                Alerts = toSend,
                ExternalUrl = _options.ExternalUrl,
                Templates = _options.Templates,
                Now = notification.Now,
            };
            if (!await SendWithRetriesAsync(notifier, key, request, cancellationToken).ConfigureAwait(false))
            {
                return false;
            }
        }
        // Logged even when nothing was sent (only resolved alerts for an integration that does not send them),
        // so the log stops expecting the alerts that were firing at the previous notification.
        _options.NotificationLog.Log(key, firing, resolved);
        return true;
    }

    private async Task<bool> SendWithRetriesAsync(INotifier notifier, NotificationLogKey key, NotificationRequest request, CancellationToken cancellationToken)
    {
        var integration = notifier.Integration;
        var metrics = _options.Metrics;
        metrics.Notifications.WithLabels(integration).Inc();
        var started = Stopwatch.GetTimestamp();
        var backoff = _options.InitialBackoff;
        for (var attempt = 1; ; attempt++)
        {
            metrics.Requests.WithLabels(integration).Inc();
            try
            {
                await notifier.NotifyAsync(request, cancellationToken).ConfigureAwait(false);
                metrics.Latency.WithLabels(integration).Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
                return true;
            }
            catch (NotifyException e)
            {
                metrics.RequestsFailed.WithLabels(integration).Inc();
                if (!e.Retryable)
                {
                    _logger.LogError(e, "Notify for {Key} failed and cannot succeed by retrying (attempt {Attempt})", key, attempt);
                    break;
                }
                _logger.LogWarning(e, "Notify for {Key} failed, retrying in {Backoff} (attempt {Attempt})", key, backoff, attempt);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                metrics.RequestsFailed.WithLabels(integration).Inc();
                break;
            }
            try
            {
                await Task.Delay(backoff, _options.Time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                _logger.LogError("Notify for {Key} gave up at the group's next flush after {Attempts} attempts", key, attempt);
                break;
            }
            backoff = TimeSpan.FromTicks(Math.Min((long)(backoff.Ticks * 1.5), _options.MaxBackoff.Ticks));
        }
        metrics.NotificationsFailed.WithLabels(integration).Inc();
        return false;
    }
}
