using System.Globalization;
using Argus.LoadTool.Alerting;
using Argus.LoadTool.Data;
using Argus.LoadTool.RemoteWrite;
using Argus.LoadTool.Scrape;

namespace Argus.LoadTool;

/// <summary>
/// Entry point of <c>argus-load</c>, callable in-process by tests.
/// <c>push</c> generates the data set and remote-writes it, printing a human summary and one machine-readable
/// <c>result ...</c> line of key=value pairs (for bench/compare.sh); exit code 1 on any rejected request.
/// <c>serve</c> exposes the data set as scrape targets until stopped.
/// </summary>
internal static class LoadToolCommand
{
    public const string Usage = """
        usage:
          argus-load push --url http://127.0.0.1:9090/api/v1/write [--series 100000] [--samples 240]
                          [--interval 15s] [--concurrency 4] [--batch 5000] [--seed 42] [--end-ms <unix ms, default now>]
                          [--timeout 60s]
          argus-load serve [--listen 127.0.0.1:9200] [--targets 100] [--interval 15s] [--seed 42]
          argus-load am-config [--sink 127.0.0.1:9299] [--flush-wait 5s]
          argus-load am --scenario ingest|latency|flush|silences [--url http://127.0.0.1:9093/] [--sink 127.0.0.1:9299]
                        [--alerts 100000] [--silences 10000] [--batch 100] [--concurrency 4] [--pause 5ms] [--timeout 60s]
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        try
        {
            var parsed = CommandLineArguments.Parse(args);
            return parsed.Command switch
            {
                "push" => await PushAsync(parsed, output, error, cancellationToken).ConfigureAwait(false),
                "serve" => await ServeAsync(parsed, output, cancellationToken).ConfigureAwait(false),
                "am-config" => await AlertmanagerConfigAsync(parsed, output).ConfigureAwait(false),
                "am" => await AlertmanagerAsync(parsed, output, error, cancellationToken).ConfigureAwait(false),
                _ => throw new ArgumentException($"unknown subcommand \"{parsed.Command}\": expected 'push', 'serve', 'am-config' or 'am'"),
            };
        }
        catch (ArgumentException e)
        {
            await error.WriteLineAsync("argus-load: " + e.Message).ConfigureAwait(false);
            await error.WriteLineAsync(Usage).ConfigureAwait(false);
            return 2;
        }
    }

    private static async Task<int> PushAsync(CommandLineArguments args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var urlText = args.String("url", "http://127.0.0.1:9090/api/v1/write");
        if (!Uri.TryCreate(urlText, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"--url: \"{urlText}\" is not an http(s) URL");
        }
        var series = (int)args.Integer("series", 100_000);
        var samples = (int)args.Integer("samples", 240);
        var intervalMs = args.DurationMs("interval", "15s");
        var concurrency = (int)args.Integer("concurrency", 4);
        var batch = (int)args.Integer("batch", 5000);
        var seed = (int)args.Integer("seed", 42, min: 0);
        var endMs = args.Integer("end-ms", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        var timeoutMs = args.DurationMs("timeout", "60s");
        args.RejectUnknown();

        var data = new NodeLikeDataSet(series, samples, intervalMs, endMs, seed);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"argus-load: pushing {data.Series.Length} series x {samples} samples ({data.TotalSamples} samples, {data.Instances} instances) to {url} with concurrency {concurrency}, batch {batch}")).ConfigureAwait(false);

        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        var pusher = new RemoteWritePusher(new PushOptions(url, concurrency, batch, TimeSpan.FromMilliseconds(timeoutMs)), http);
        var result = await pusher.PushAsync(data, cancellationToken).ConfigureAwait(false);
        var stats = result.Stats;
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"result samples={stats.SamplesSent} seconds={result.Elapsed.TotalSeconds:F3} samples_per_second={result.SamplesPerSecond:F0} requests={stats.Requests} rejected_requests={stats.RejectedRequests} rejected_samples={stats.SamplesRejected} transport_errors={stats.TransportErrors} compressed_bytes={stats.CompressedBytes} uncompressed_bytes={stats.UncompressedBytes} series={data.Series.Length} first_ms={data.FirstTimestampMs} last_ms={data.LastTimestampMs}")).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            await error.WriteLineAsync("argus-load: FAILED: " + stats.FirstError).ConfigureAwait(false);
            return 1;
        }
        return 0;
    }

    private static async Task<int> ServeAsync(CommandLineArguments args, TextWriter output, CancellationToken cancellationToken)
    {
        var listen = args.String("listen", "127.0.0.1:9200");
        var targets = (int)args.Integer("targets", 100);
        var intervalMs = args.DurationMs("interval", "15s");
        var seed = (int)args.Integer("seed", 42, min: 0);
        args.RejectUnknown();

        await using var server = new ScrapeTargetServer(listen, targets, intervalMs, seed);
        await server.StartAsync(cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"argus-load: serving {targets} targets ({targets * NodeLikeDataSet.SeriesPerInstance} series) at {server.Address}/targets/<n>/metrics; service discovery at {server.Address}/targets")).ConfigureAwait(false);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C: stop serving.
        }
        return 0;
    }

    private static async Task<int> AlertmanagerConfigAsync(CommandLineArguments args, TextWriter output)
    {
        var sink = args.String("sink", "127.0.0.1:9299");
        var flushWaitMs = args.DurationMs("flush-wait", "5s");
        args.RejectUnknown();
        await output.WriteLineAsync(AlertmanagerBenchConfig.Yaml(sink, (int)Math.Max(1, flushWaitMs / 1000))).ConfigureAwait(false);
        return 0;
    }

    private static async Task<int> AlertmanagerAsync(CommandLineArguments args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var scenario = args.String("scenario", "");
        var urlText = args.String("url", "http://127.0.0.1:9093/");
        if (!Uri.TryCreate(urlText.EndsWith('/') ? urlText : urlText + "/", UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"--url: \"{urlText}\" is not an http(s) URL");
        }
        var sinkAddress = args.String("sink", "127.0.0.1:9299");
        var alerts = (int)args.Integer("alerts", 100_000);
        var silences = (int)args.Integer("silences", 10_000);
        var batch = (int)args.Integer("batch", 100);
        var concurrency = (int)args.Integer("concurrency", 4);
        var pause = TimeSpan.FromMilliseconds(args.DurationMs("pause", "5ms"));
        var timeout = TimeSpan.FromMilliseconds(args.DurationMs("timeout", "60s"));
        var run = args.String("run", Guid.NewGuid().ToString("N")[..8]);
        args.RejectUnknown();

        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var http = new HttpClient(handler) { Timeout = timeout };
        var load = new AlertmanagerLoad(http, url, run);
        (bool Ok, string Result) outcome;
        if (scenario is "latency" or "flush")
        {
            await using var sink = new WebhookSink(sinkAddress);
            await sink.StartAsync(cancellationToken).ConfigureAwait(false);
            outcome = scenario == "latency"
                ? await load.LatencyAsync(sink, alerts, pause, timeout, cancellationToken).ConfigureAwait(false)
                : await load.FlushAsync(sink, alerts, batch, concurrency, timeout, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            outcome = scenario switch
            {
                "ingest" => await load.IngestAsync(alerts, batch, concurrency, cancellationToken).ConfigureAwait(false),
                "silences" => await load.SilencesAsync(silences, alerts, concurrency, cancellationToken).ConfigureAwait(false),
                _ => throw new ArgumentException($"--scenario: \"{scenario}\" is not one of ingest, latency, flush, silences"),
            };
        }
        await output.WriteLineAsync(outcome.Result).ConfigureAwait(false);
        if (!outcome.Ok)
        {
            await error.WriteLineAsync("argus-load: FAILED: " + outcome.Result).ConfigureAwait(false);
            return 1;
        }
        return 0;
    }
}
