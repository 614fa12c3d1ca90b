using System.Diagnostics;
using System.Net.Http.Headers;
using Argus.LoadTool.Data;

namespace Argus.LoadTool.RemoteWrite;

/// <summary>
/// Sends a <see cref="NodeLikeDataSet"/> by remote write 1.0 in time order: step by step, each step's samples
/// split across <see cref="PushOptions.Concurrency"/> workers that each own a fixed share of the series and send
/// batches of at most <see cref="PushOptions.BatchSize"/> samples. Workers wait for each other at every step, so
/// no series runs ahead of another by more than one interval and every receiver's out-of-order and
/// out-of-bounds limits are respected. The run stops at the first rejected request.
/// </summary>
internal sealed class RemoteWritePusher(PushOptions options, HttpClient http)
{
    private int BatchSize => options.BatchSize;

    /// <summary>Pushes the whole data set; never throws for HTTP failures (they are counted and the run stops).</summary>
    public async Task<PushResult> PushAsync(NodeLikeDataSet data, CancellationToken cancellationToken)
    {
        var stats = new PushStats();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var workers = new Worker[Math.Max(1, Math.Min(options.Concurrency, data.Series.Length))];
        for (var w = 0; w < workers.Length; w++)
        {
            workers[w] = new Worker(this, data, w, workers.Length, stats, stop);
        }
        var clock = Stopwatch.StartNew();
        for (var step = 0; step < data.SamplesPerSeries && !stop.IsCancellationRequested; step++)
        {
            var tasks = new Task[workers.Length];
            for (var w = 0; w < workers.Length; w++)
            {
                tasks[w] = workers[w].SendStepAsync(step);
            }
            await Task.WhenAll(tasks).ConfigureAwait(false);
        }
        cancellationToken.ThrowIfCancellationRequested();
        return new PushResult(clock.Elapsed, stats);
    }

    private async Task SendAsync(WriteRequestEncoder encoder, PushStats stats, CancellationTokenSource stop)
    {
        var samples = encoder.Samples;
        var compressed = IronSnappy.Snappy.Encode(encoder.Encoded);
        Interlocked.Add(ref stats.UncompressedBytes, encoder.Encoded.Length);
        Interlocked.Add(ref stats.CompressedBytes, compressed.Length);
        encoder.Reset();
        Interlocked.Increment(ref stats.Requests);
        using var content = new ByteArrayContent(compressed);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        content.Headers.ContentEncoding.Add("snappy");
        using var request = new HttpRequestMessage(HttpMethod.Post, options.WriteUrl) { Content = content };
        request.Headers.Add("X-Prometheus-Remote-Write-Version", "0.1.0");
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
            timeout.CancelAfter(options.RequestTimeout);
            using var response = await http.SendAsync(request, timeout.Token).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                Interlocked.Add(ref stats.SamplesSent, samples);
                return;
            }
            var body = await response.Content.ReadAsStringAsync(CancellationToken.None).ConfigureAwait(false);
            Interlocked.Increment(ref stats.RejectedRequests);
            Interlocked.Add(ref stats.SamplesRejected, samples);
            stats.RecordError($"{options.WriteUrl} answered {(int)response.StatusCode} {response.ReasonPhrase}: {body.Trim()}");
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !stop.IsCancellationRequested)
        {
            Interlocked.Increment(ref stats.TransportErrors);
            stats.RecordError($"{options.WriteUrl}: {e.GetType().Name}: {e.Message}{(e.InnerException is { } inner ? " (" + inner.Message + ")" : "")}");
        }
        catch (OperationCanceledException)
        {
            return;
        }
        await stop.CancelAsync().ConfigureAwait(false);
    }

    /// <summary>One sender; owns series w, w+n, w+2n, ... and its encoder. Used by one task at a time.</summary>
    private sealed class Worker(RemoteWritePusher owner, NodeLikeDataSet data, int index, int count, PushStats stats, CancellationTokenSource stop)
    {
        private readonly WriteRequestEncoder _encoder = new();

        public async Task SendStepAsync(int step)
        {
            for (var s = index; s < data.Series.Length; s += count)
            {
                if (stop.IsCancellationRequested)
                {
                    return;
                }
                _encoder.Add(data.Series[s].LabelPairs, data.NextValue(s, step), data.Timestamp(s, step));
                if (_encoder.Samples >= owner.BatchSize)
                {
                    await owner.SendAsync(_encoder, stats, stop).ConfigureAwait(false);
                }
            }
            if (_encoder.Samples > 0)
            {
                await owner.SendAsync(_encoder, stats, stop).ConfigureAwait(false);
            }
        }
    }
}
