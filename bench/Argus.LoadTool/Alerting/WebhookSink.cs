using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Argus.LoadTool.Alerting;

/// <summary>
/// A webhook receiver on loopback that records, for every alert of every notification it receives, the
/// <see cref="Stopwatch"/> tick at which it arrived, keyed by the alert's <c>seq</c> label. Used to measure the
/// latency from POSTing an alert to its notification and the rate at which many groups are flushed.
/// </summary>
internal sealed class WebhookSink : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<int, long> _arrivals = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<long>> _waiters = new();
    private long _notifications;
    private long _duplicates;

    public WebhookSink(string listen)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseSetting("urls", "http://" + listen);
        _app = builder.Build();
        _app.MapPost("/", ReceiveAsync);
    }

    /// <summary>The address actually bound (useful with port 0).</summary>
    public string Address => _app.Urls.First();

    /// <summary>Notifications (webhook requests) received.</summary>
    public long Notifications => Interlocked.Read(ref _notifications);

    /// <summary>Alerts that arrived a second time (a re-notification the benchmark did not expect).</summary>
    public long Duplicates => Interlocked.Read(ref _duplicates);

    /// <summary>Distinct alerts received so far.</summary>
    public int AlertsReceived => _arrivals.Count;

    public Task StartAsync(CancellationToken cancellationToken) => _app.StartAsync(cancellationToken);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync().ConfigureAwait(false);

    /// <summary>The arrival tick of alert <paramref name="seq"/>, if it has arrived.</summary>
    public bool TryGetArrival(int seq, out long tick) => _arrivals.TryGetValue(seq, out tick);

    /// <summary>
    /// A task that completes with the arrival tick of alert <paramref name="seq"/>; register it before sending the
    /// alert, so that the arrival is seen the moment it happens rather than at the next poll.
    /// </summary>
    public Task<long> ArrivalOf(int seq)
    {
        var waiter = _waiters.GetOrAdd(seq, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (_arrivals.TryGetValue(seq, out var tick))
        {
            waiter.TrySetResult(tick);
        }
        return waiter.Task;
    }

    /// <summary>All arrival ticks, unordered.</summary>
    public long[] ArrivalTicks() => [.. _arrivals.Values];

    /// <summary>Waits until <paramref name="alerts"/> distinct alerts have arrived or the timeout passes.</summary>
    public async Task<bool> WaitForAsync(int alerts, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (_arrivals.Count < alerts)
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                return false;
            }
            await Task.Delay(1, cancellationToken).ConfigureAwait(false);
        }
        return true;
    }

    private async Task ReceiveAsync(HttpContext context)
    {
        var tick = Stopwatch.GetTimestamp();
        using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
        Interlocked.Increment(ref _notifications);
        if (document.RootElement.TryGetProperty("alerts", out var alerts))
        {
            foreach (var alert in alerts.EnumerateArray())
            {
                if (alert.TryGetProperty("labels", out var labels) && labels.TryGetProperty("seq", out var seqText)
                    && int.TryParse(seqText.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seq))
                {
                    if (!_arrivals.TryAdd(seq, tick))
                    {
                        Interlocked.Increment(ref _duplicates);
                    }
                    else if (_waiters.TryGetValue(seq, out var waiter))
                    {
                        waiter.TrySetResult(tick);
                    }
                }
            }
        }
        context.Response.StatusCode = StatusCodes.Status200OK;
    }
}
