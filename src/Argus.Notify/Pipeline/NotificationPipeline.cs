using System.Diagnostics;
using Argus.Alerting.Alerts;
using Argus.Alerting.Dispatch;
using Argus.Alerting.History;
using Argus.Alerting.NotificationLog;
using Argus.Alerting.Routing;
using Argus.Alerting.Silences;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Argus.Notify.Pipeline;

/// <summary>
/// What happens to one flush of an aggregation group, in Alertmanager's order of stages: time intervals
/// (<c>mute_time_intervals</c>, <c>active_time_intervals</c>) may mute the whole flush; inhibited and silenced
/// alerts are removed; then, for each integration of the receiver in parallel, the flush is de-duplicated
/// against the notification log, resolved alerts are dropped when the integration does not send them, the
/// notification is sent with retries until the group's next flush, and a success is written to the log.
/// Argus adds, when <see cref="NotificationPipelineOptions.Groups"/> is set: acknowledgement (no repeats while the
/// group is acknowledged), repeat intervals that grow (<c>repeat_interval_growth</c>), the route's escalation steps
/// (each step's receiver notified once per firing episode, logged under the step's own notification-log key), signed
/// acknowledgement links, history events, and silence-lifecycle notifications (<see cref="NotifySilenceAsync"/>).
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

    // Per integration: when thousands of groups flush together, all but MaxSendsInFlight of each integration's
    // notifications wait here, before their body and request exist, instead of rendered in the HTTP client's queue for a
    // connection. Keeps the memory of a mass flush (and the garbage collector's work on it) proportional to what is
    // being sent, and the connection pool's lock uncontended. Per integration, so a slow receiver holds up only itself.
    private readonly Dictionary<INotifier, SemaphoreSlim> _sendGates = new(ReferenceEqualityComparer.Instance);
    private readonly ILogger _logger;

    public NotificationPipeline(NotificationPipelineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _logger = options.Logger ?? NullLogger.Instance;
        foreach (var receiver in options.Config.Receivers)
        {
            var integrations = options.Integrations(receiver);
            _integrations[receiver.Name] = integrations;
            foreach (var notifier in integrations)
            {
                _sendGates.TryAdd(notifier, new SemaphoreSlim(options.MaxSendsInFlight, options.MaxSendsInFlight));
            }
        }
    }

    /// <summary>The <see cref="GroupFlushHandler"/> to give the dispatcher.</summary>
    public GroupFlushHandler Handler => FlushAsync;

    /// <summary>Decides, from the notification-log entry of one integration, whether to deliver: null to skip, else
    /// the repeat count to log with the delivery.</summary>
    private delegate int? DeliveryDecision(NotificationLogEntry? entry, INotifier notifier);

    /// <summary>What one flush works with once muted alerts are removed.</summary>
    private sealed record FlushContext(GroupNotification Notification, List<Alert> Alerts, HashSet<ulong> Firing, HashSet<ulong> Resolved, string? AckUrl);

    /// <summary>Processes one flush; true when every integration delivered or had nothing to deliver.</summary>
    public async Task<bool> FlushAsync(GroupNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var now = notification.Now;
        if (IsMutedByTime(notification.Route, now))
        {
            return true;
        }
        var groups = _options.Groups;
        var rawFiring = new List<Alert>(notification.Alerts.Count);
        var alerts = new List<Alert>(notification.Alerts.Count);
        var firing = new HashSet<ulong>();
        var resolved = new HashSet<ulong>();
        // One pass: what fires at all (acknowledgement links and episodes look at that), and what is left to tell once
        // inhibited and silenced alerts are removed.
        foreach (var alert in notification.Alerts)
        {
            var isResolved = alert.IsResolved(now);
            if (!isResolved)
            {
                rawFiring.Add(alert);
            }
            if (_options.Inhibitor.InhibitedBy(alert.Labels, now).Count == 0 && _options.Silences.MutedBy(alert.Labels).Count == 0)
            {
                alerts.Add(alert);
                (isResolved ? resolved : firing).Add(alert.Fingerprint);
            }
        }
        var acknowledgement = groups?.Evaluate(notification.GroupKey, notification.Alerts, now, _options.Silences.ActiveAcknowledgements(now));
        var ackUrl = rawFiring.Count > 0 && _options.AcknowledgementTokens is { } tokens
            ? NotificationLinks.Acknowledge(_options.ExternalUrl, tokens.Create(notification.GroupId, rawFiring.Select(a => a.Fingerprint)))
            : null;
        var flush = new FlushContext(notification, alerts, firing, resolved, ackUrl);
        var escalates = groups is not null && notification.Route.Escalation.Count > 0;

        var succeeded = true;
        if (notification.Kind == FlushKind.Regular && alerts.Count > 0)
        {
            if (escalates && firing.Count > 0)
            {
                // The first flush with something to tell starts the episode, whether or not the delivery succeeds:
                // escalation exists for the case that the first receiver is not reached.
                groups!.Notified(notification.GroupKey, notification.Route.Receiver, now);
            }
            var route = notification.Route;
            var acknowledged = acknowledgement is not null;
            succeeded = await NotifyReceiverAsync(route.Receiver, 0, flush, (entry, notifier) =>
            {
                var reason = Reason(entry, firing, resolved, notifier.SendResolved, route.RepeatIntervalAfter(entry?.RepeatCount ?? 0), now);
                return reason switch
                {
                    NotificationReason.None => null,
                    // An acknowledged group is not reminded of; a change still gets through.
                    NotificationReason.Repeat when acknowledged => null,
                    NotificationReason.Repeat => entry!.RepeatCount + 1,
                    _ => 0,
                };
            }, cancellationToken).ConfigureAwait(false);
        }
        if (escalates)
        {
            succeeded &= await EscalateAsync(flush, rawFiring.Count > 0, acknowledgement is not null, cancellationToken).ConfigureAwait(false);
        }
        if (succeeded && groups is not null && notification.Kind == FlushKind.Regular && rawFiring.Count == 0)
        {
            // Everything resolved and the resolution went out: the next firing starts a new episode at step 0.
            groups.EndEpisode(notification.GroupKey, notification.Alerts);
        }
        return succeeded;
    }

    /// <summary>
    /// The route's escalation steps for this flush. While the group fires, is not acknowledged and something unmuted
    /// fires, every step whose delay (from the episode's first notification) has passed is notified, in order, once
    /// per episode; when everything resolved, the steps that were notified hear the resolution (if they send resolved
    /// alerts). A step that fails stops the later ones until the next flush retries it.
    /// </summary>
    private async Task<bool> EscalateAsync(FlushContext flush, bool anyFiring, bool acknowledged, CancellationToken cancellationToken)
    {
        var notification = flush.Notification;
        var groups = _options.Groups!;
        var steps = notification.Route.Escalation;
        var state = groups.Get(notification.GroupKey);
        if (state?.EpisodeStart is not { } start)
        {
            return true;
        }
        // Logged in this episode with firing alerts: the step (or its resolution) was delivered.
        bool NotifiedThisEpisode(NotificationLogEntry? entry) => entry is not null && entry.Timestamp >= start && entry.FiringAlerts.Count > 0;
        if (!anyFiring)
        {
            if (notification.Kind != FlushKind.Regular)
            {
                return true;
            }
            var succeeded = true;
            for (var i = 0; i < Math.Min(state.StepsFired, steps.Count); i++)
            {
                succeeded &= await NotifyReceiverAsync(steps[i].Receiver, i + 1, flush, (entry, _) => NotifiedThisEpisode(entry) ? 0 : null, cancellationToken).ConfigureAwait(false);
            }
            return succeeded;
        }
        if (acknowledged || flush.Firing.Count == 0)
        {
            return true;
        }
        for (var i = 0; i < steps.Count; i++)
        {
            if (start + steps[i].After > notification.Now)
            {
                break;
            }
            var delivered = await NotifyReceiverAsync(steps[i].Receiver, i + 1, flush, (entry, _) => NotifiedThisEpisode(entry) ? null : 0, cancellationToken).ConfigureAwait(false);
            if (!delivered)
            {
                return false;
            }
            groups.StepFired(notification.GroupKey, i + 1, steps[i].Receiver, notification.Alerts, notification.Now);
        }
        return true;
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
    public static bool NeedsUpdate(NotificationLogEntry? entry, IReadOnlySet<ulong> firing, IReadOnlySet<ulong> resolved, bool sendResolved, TimeSpan repeatInterval, DateTime now) =>
        Reason(entry, firing, resolved, sendResolved, repeatInterval, now) != NotificationReason.None;

    /// <summary>The rule of <see cref="NeedsUpdate"/>, saying which of its cases applies.</summary>
    public static NotificationReason Reason(NotificationLogEntry? entry, IReadOnlySet<ulong> firing, IReadOnlySet<ulong> resolved, bool sendResolved, TimeSpan repeatInterval, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(firing);
        ArgumentNullException.ThrowIfNull(resolved);
        if (entry is null)
        {
            return firing.Count > 0 ? NotificationReason.FirstFiring : NotificationReason.None;
        }
        if (!entry.IsFiringSubset(firing))
        {
            return NotificationReason.NewFiring;
        }
        if (firing.Count == 0)
        {
            return entry.FiringAlerts.Count > 0 ? NotificationReason.AllResolved : NotificationReason.None;
        }
        if (sendResolved && !entry.IsResolvedSubset(resolved))
        {
            return NotificationReason.NewlyResolved;
        }
        return entry.Timestamp <= now - repeatInterval ? NotificationReason.Repeat : NotificationReason.None;
    }

    /// <summary>
    /// Delivers the flush to every integration of <paramref name="receiver"/> in parallel, each under the
    /// notification-log key of <paramref name="step"/>, where <paramref name="decide"/> says so; true when every
    /// integration delivered or had nothing to deliver.
    /// </summary>
    private async Task<bool> NotifyReceiverAsync(string receiver, int step, FlushContext flush, DeliveryDecision decide, CancellationToken cancellationToken)
    {
        if (!_integrations.TryGetValue(receiver, out var integrations) || integrations.Count == 0)
        {
            return true;
        }
        var tasks = new Task<bool>[integrations.Count];
        for (var i = 0; i < integrations.Count; i++)
        {
            var notifier = integrations[i];
            var key = new NotificationLogKey(receiver, notifier.Integration, IndexOf(integrations, i), flush.Notification.GroupKey, step);
            tasks[i] = NotifyIntegrationAsync(notifier, key, flush, decide, cancellationToken);
        }
        var results = await Task.WhenAll(tasks).ConfigureAwait(false);
        return results.All(r => r);
    }

    /// <summary>The position of integration <paramref name="i"/> among the receiver's integrations of the same kind.</summary>
    private static int IndexOf(IReadOnlyList<INotifier> integrations, int i) => integrations.Take(i).Count(n => n.Integration == integrations[i].Integration);

    private async Task<bool> NotifyIntegrationAsync(INotifier notifier, NotificationLogKey key, FlushContext flush, DeliveryDecision decide, CancellationToken cancellationToken)
    {
        var entry = _options.NotificationLog.Query(key);
        if (decide(entry, notifier) is not { } repeatCount)
        {
            return true;
        }
        var notification = flush.Notification;
        var toSend = notifier.SendResolved ? flush.Alerts : flush.Alerts.Where(a => flush.Firing.Contains(a.Fingerprint)).ToList();
        if (toSend.Count > 0)
        {
            var request = new NotificationRequest
            {
                Receiver = key.Receiver,
                GroupKey = notification.GroupKey,
                GroupLabels = notification.GroupLabels,
                Alerts = toSend,
                ExternalUrl = _options.ExternalUrl,
                Templates = _options.Templates,
                Now = notification.Now,
                AckUrl = flush.Firing.Count > 0 ? flush.AckUrl : null,
                EscalationStep = key.Step,
            };
            if (!await SendWithRetriesAsync(notifier, key, request, cancellationToken).ConfigureAwait(false))
            {
                return false;
            }
            await RecordNotifiedAsync(request, key, notification.GroupId).ConfigureAwait(false);
        }
        // Logged even when nothing was sent (only resolved alerts for an integration that does not send them),
        // so the log stops expecting the alerts that were firing at the previous notification.
        await _options.NotificationLog.LogAsync(key, flush.Firing, flush.Resolved, repeatCount).ConfigureAwait(false);
        return true;
    }

    private async Task RecordNotifiedAsync(NotificationRequest request, NotificationLogKey key, string groupId)
    {
        if (_options.History is not { } history)
        {
            return;
        }
        var suffix = key.Step > 0 ? $" (escalation step {key.Step})" : string.Empty;
        await history.RecordAsync(request.Alerts.Select(a => HistoryEvent.For(a, HistoryEventKind.Notified, request.Now) with
        {
            GroupId = groupId,
            Receiver = key.Receiver,
            Integration = key.Integration,
            Detail = (a.IsResolved(request.Now) ? "resolved" : "firing") + suffix,
        })).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends a silence-lifecycle notice to every integration of its receiver that has not delivered it yet (the
    /// notification log remembers each under <see cref="SilenceNotice.Key"/>, so a notice goes out once, restarts
    /// included). True when every integration delivered it or already had.
    /// </summary>
    public async Task<bool> NotifySilenceAsync(SilenceNotice notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        if (!_integrations.TryGetValue(notice.Receiver, out var integrations) || integrations.Count == 0 || notice.Alerts.Count == 0)
        {
            return true;
        }
        var tasks = new List<Task<bool>>(integrations.Count);
        for (var i = 0; i < integrations.Count; i++)
        {
            var notifier = integrations[i];
            var key = new NotificationLogKey(notice.Receiver, notifier.Integration, IndexOf(integrations, i), notice.Key);
            tasks.Add(NotifySilenceIntegrationAsync(notifier, key, notice, cancellationToken));
        }
        var results = await Task.WhenAll(tasks).ConfigureAwait(false);
        return results.All(r => r);
    }

    private async Task<bool> NotifySilenceIntegrationAsync(INotifier notifier, NotificationLogKey key, SilenceNotice notice, CancellationToken cancellationToken)
    {
        if (_options.NotificationLog.Query(key) is not null)
        {
            return true;
        }
        var now = _options.Time.GetUtcNow().UtcDateTime;
        var request = new NotificationRequest
        {
            Receiver = notice.Receiver,
            GroupKey = notice.Key,
            GroupLabels = notice.Labels,
            Alerts = notice.Alerts,
            ExternalUrl = _options.ExternalUrl,
            Templates = _options.Templates,
            Now = now,
            Silence = notice,
        };
        if (!await SendWithRetriesAsync(notifier, key, request, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }
        _options.History?.Record(new HistoryEvent
        {
            At = now,
            Kind = HistoryEventKinds.Of(notice.Kind),
            Fingerprint = AlertFingerprint.Compute(notice.Labels),
            Labels = notice.Labels,
            Receiver = key.Receiver,
            Integration = key.Integration,
            By = notice.Silence.CreatedBy.Length > 0 ? notice.Silence.CreatedBy : null,
            Detail = $"notified: silence {notice.Silence.Id} {notice.KindName}",
        });
        await _options.NotificationLog.LogAsync(key, notice.Alerts.Where(a => !a.IsResolved(now)).Select(a => a.Fingerprint), notice.Alerts.Where(a => a.IsResolved(now)).Select(a => a.Fingerprint)).ConfigureAwait(false);
        return true;
    }

    private async Task<bool> SendWithRetriesAsync(INotifier notifier, NotificationLogKey key, NotificationRequest request, CancellationToken cancellationToken)
    {
        var integration = notifier.Integration;
        var metrics = _options.Metrics;
        metrics.Notifications.WithLabels(integration).Inc();
        var started = Stopwatch.GetTimestamp();
        var backoff = _options.InitialBackoff;
        var gate = _sendGates[notifier];
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                _logger.LogError("Notify for {Key} gave up at the group's next flush while waiting for its turn to send (attempt {Attempt})", key, attempt);
                break;
            }
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
            finally
            {
                gate.Release();
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
