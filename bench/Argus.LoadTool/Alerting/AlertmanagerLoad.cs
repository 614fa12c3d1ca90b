using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Argus.LoadTool.Alerting;

/// <summary>
/// The alert manager benchmark's scenarios, run against any server that speaks Alertmanager's API v2 (Argus or
/// a real Alertmanager) configured with <see cref="AlertmanagerBenchConfig"/>. Each returns one
/// machine-readable <c>result scenario=… key=value…</c> line and fails (exit code 1) on any rejected request or
/// missing notification, so a broken run cannot produce a figure.
/// </summary>
internal sealed class AlertmanagerLoad(HttpClient http, Uri baseUrl, string run)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    /// <summary>
    /// POSTs <paramref name="alerts"/> alerts (each its own group) in batches from <paramref name="concurrency"/>
    /// senders and reports alerts accepted per second.
    /// </summary>
    public async Task<(bool Ok, string Result)> IngestAsync(int alerts, int batch, int concurrency, CancellationToken cancellationToken)
    {
        // Bodies are built before the clock starts, so the figure is the server's, not the client's JSON writer's.
        var bodies = AlertBatches("ingest", alerts, batch);
        var started = Stopwatch.GetTimestamp();
        var (failures, firstError) = await SendAllAsync(bodies.Count, concurrency, i => ("api/v2/alerts", bodies[i]), cancellationToken).ConfigureAwait(false);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        return (failures == 0, string.Create(CultureInfo.InvariantCulture,
            $"result scenario=ingest alerts={alerts} batch={batch} concurrency={concurrency} seconds={seconds:F3} alerts_per_second={alerts / seconds:F0} failed_requests={failures}")
            + (firstError is null ? "" : " first_error=" + Quote(firstError)));
    }

    /// <summary>
    /// Sends <paramref name="count"/> alerts one at a time (a route with <c>group_wait: 0s</c> delivers each to the
    /// sink) and reports the time from the start of the POST to the webhook's arrival.
    /// </summary>
    public async Task<(bool Ok, string Result)> LatencyAsync(WebhookSink sink, int count, TimeSpan pause, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var latencies = new List<double>(count);
        var missing = 0;
        for (var seq = 0; seq < count; seq++)
        {
            var now = DateTimeOffset.UtcNow;
            var body = AlertJson.Alerts("latency", run, seq, 1, now, now.AddHours(4));
            var arrival = sink.ArrivalOf(seq);
            var sent = Stopwatch.GetTimestamp();
            var error = await PostAsync("api/v2/alerts", body, cancellationToken).ConfigureAwait(false);
            if (error is not null)
            {
                return (false, "result scenario=latency failed_requests=1 first_error=" + Quote(error));
            }
            var done = await Task.WhenAny(arrival, Task.Delay(timeout, cancellationToken)).ConfigureAwait(false);
            if (done != arrival)
            {
                missing++;
                continue;
            }
            latencies.Add(Stopwatch.GetElapsedTime(sent, arrival.Result).TotalMilliseconds);
            await Task.Delay(pause, cancellationToken).ConfigureAwait(false);
        }
        var summary = LatencySummary.Of(latencies);
        return (missing == 0, string.Create(CultureInfo.InvariantCulture,
            $"result scenario=latency alerts={count} delivered={latencies.Count} missing={missing} {summary}"));
    }

    /// <summary>
    /// POSTs <paramref name="groups"/> alerts, each its own group, as fast as possible; the route's
    /// <c>group_wait</c> then makes all groups flush at about the same moment, and the rate is the number of
    /// notifications over the time from the first to the last arrival at the sink.
    /// </summary>
    public async Task<(bool Ok, string Result)> FlushAsync(WebhookSink sink, int groups, int batch, int concurrency, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var (ok, ingest) = await IngestScenarioAsync("flush", groups, batch, concurrency, cancellationToken).ConfigureAwait(false);
        if (!ok)
        {
            return (false, "result scenario=flush " + ingest);
        }
        var complete = await sink.WaitForAsync(groups, timeout, cancellationToken).ConfigureAwait(false);
        var ticks = sink.ArrivalTicks();
        if (!complete || ticks.Length == 0)
        {
            return (false, string.Create(CultureInfo.InvariantCulture, $"result scenario=flush groups={groups} delivered={ticks.Length} missing={groups - ticks.Length}"));
        }
        Array.Sort(ticks);
        var spread = Stopwatch.GetElapsedTime(ticks[0], ticks[^1]).TotalSeconds;
        return (sink.Duplicates == 0, string.Create(CultureInfo.InvariantCulture,
            $"result scenario=flush groups={groups} delivered={ticks.Length} notifications={sink.Notifications} duplicates={sink.Duplicates} spread_seconds={spread:F3} notifications_per_second={ticks.Length / Math.Max(spread, 1e-3):F0}"));
    }

    /// <summary>
    /// Creates <paramref name="silences"/> silences, each matching one of <paramref name="alerts"/> alerts, then
    /// POSTs the alerts and times the first and a second <c>GET /api/v2/alerts</c>, checking that every silenced
    /// alert is reported as suppressed.
    /// </summary>
    public async Task<(bool Ok, string Result)> SilencesAsync(int silences, int alerts, int concurrency, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var created = Stopwatch.GetTimestamp();
        var (failures, firstError) = await SendAllAsync(silences, concurrency,
            seq => ("api/v2/silences", AlertJson.Silence("silences", run, seq, now.AddMinutes(-1), now.AddHours(4))), cancellationToken).ConfigureAwait(false);
        var createSeconds = Stopwatch.GetElapsedTime(created).TotalSeconds;
        if (failures > 0)
        {
            return (false, "result scenario=silences failed_requests=" + failures.ToString(CultureInfo.InvariantCulture) + " first_error=" + Quote(firstError!));
        }
        var (ok, ingest) = await IngestScenarioAsync("silences", alerts, 1000, concurrency, cancellationToken).ConfigureAwait(false);
        if (!ok)
        {
            return (false, "result scenario=silences " + ingest);
        }
        var (firstMs, firstAlerts, firstSuppressed) = await GetAlertsAsync(cancellationToken).ConfigureAwait(false);
        var (secondMs, _, _) = await GetAlertsAsync(cancellationToken).ConfigureAwait(false);
        var expectedSuppressed = Math.Min(silences, alerts);
        return (firstAlerts == alerts && firstSuppressed == expectedSuppressed, string.Create(CultureInfo.InvariantCulture,
            $"result scenario=silences silences={silences} alerts={alerts} create_silences_per_second={silences / createSeconds:F0} first_get_ms={firstMs:F1} second_get_ms={secondMs:F1} returned={firstAlerts} suppressed={firstSuppressed} expected_suppressed={expectedSuppressed}"));
    }

    private async Task<(bool Ok, string Result)> IngestScenarioAsync(string scenario, int alerts, int batch, int concurrency, CancellationToken cancellationToken)
    {
        var bodies = AlertBatches(scenario, alerts, batch);
        var (failures, firstError) = await SendAllAsync(bodies.Count, concurrency, i => ("api/v2/alerts", bodies[i]), cancellationToken).ConfigureAwait(false);
        return (failures == 0, failures == 0 ? "" : $"failed_requests={failures} first_error={Quote(firstError!)}");
    }

    /// <summary>The bodies that post alerts 0 to <paramref name="alerts"/> - 1 of a scenario, <paramref name="batch"/> per request.</summary>
    private List<byte[]> AlertBatches(string scenario, int alerts, int batch)
    {
        var now = DateTimeOffset.UtcNow;
        var bodies = new List<byte[]>((alerts + batch - 1) / batch);
        for (var first = 0; first < alerts; first += batch)
        {
            bodies.Add(AlertJson.Alerts(scenario, run, first, Math.Min(batch, alerts - first), now, now.AddHours(4)));
        }
        return bodies;
    }

    /// <summary>POSTs requests 0 to <paramref name="count"/> - 1 from <paramref name="concurrency"/> senders that take the
    /// next request as they finish one; returns how many were refused and the first refusal.</summary>
    private async Task<(int Failures, string? FirstError)> SendAllAsync(int count, int concurrency, Func<int, (string Path, byte[] Body)> request, CancellationToken cancellationToken)
    {
        var next = -1;
        var failures = 0;
        string? firstError = null;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < count)
            {
                var (path, body) = request(index);
                var error = await PostAsync(path, body, cancellationToken).ConfigureAwait(false);
                if (error is not null)
                {
                    Interlocked.Increment(ref failures);
                    Interlocked.CompareExchange(ref firstError, error, null);
                }
            }
        })).ConfigureAwait(false);
        return (failures, firstError);
    }

    private async Task<(double Ms, int Alerts, int Suppressed)> GetAlertsAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await http.GetAsync(new Uri(baseUrl, "api/v2/alerts"), HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(body);
        int count = 0, suppressed = 0;
        foreach (var alert in document.RootElement.EnumerateArray())
        {
            // Count this run's silence scenario only: the server may hold alerts of earlier scenarios.
            var labels = alert.GetProperty("labels");
            if (!labels.TryGetProperty("run", out var alertRun) || alertRun.GetString() != run
                || !labels.TryGetProperty("scenario", out var scenario) || scenario.GetString() != "silences")
            {
                continue;
            }
            count++;
            if (alert.GetProperty("status").GetProperty("state").GetString() == "suppressed")
            {
                suppressed++;
            }
        }
        return (ms, count, suppressed);
    }

    private async Task<string?> PostAsync(string path, byte[] body, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = Json;
        try
        {
            using var response = await http.PostAsync(new Uri(baseUrl, path), content, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return null;
            }
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return $"{path}: {(int)response.StatusCode} {text.Trim()}";
        }
        catch (HttpRequestException e)
        {
            return $"{path}: {e.Message}";
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"{path}: no answer within {http.Timeout.TotalSeconds:F0} s";
        }
    }

    private static string Quote(string text) => "\"" + text.Replace("\"", "'", StringComparison.Ordinal).ReplaceLineEndings(" ") + "\"";
}
