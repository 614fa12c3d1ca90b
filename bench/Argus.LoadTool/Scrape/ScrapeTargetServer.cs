using System.Globalization;
using System.Text;
using Argus.LoadTool.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Argus.LoadTool.Scrape;

/// <summary>
/// Serves the data set as many scrape targets from one HTTP server, to benchmark scraping instead of push:
/// instance <c>i</c> is exposed at <c>/targets/i/metrics</c> (text format 0.0.4, without the instance and job
/// labels, which the scraper attaches) and <c>/targets</c> lists all of them in HTTP service discovery format
/// with <c>__metrics_path__</c> and <c>instance</c> set, so one <c>http_sd_configs</c> entry scrapes them all.
/// </summary>
/// <remarks>
/// Values advance with the wall clock: a target's series move one step per interval since the server started,
/// caught up lazily when the target is scraped (under that target's lock, so concurrent scrapes are safe).
/// </remarks>
internal sealed class ScrapeTargetServer : IAsyncDisposable
{
    private readonly NodeLikeDataSet _data;
    private readonly long _startMs;
    private readonly int[] _nextStep;
    private readonly double[] _current;
    private readonly object[] _locks;
    private readonly WebApplication _app;

    public ScrapeTargetServer(string listen, int targets, long intervalMs, int seed)
    {
        _startMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        _data = new NodeLikeDataSet(targets * NodeLikeDataSet.SeriesPerInstance, 1, intervalMs, _startMs, seed);
        _nextStep = new int[targets];
        _current = new double[_data.Series.Length];
        _locks = new object[targets];
        for (var t = 0; t < targets; t++)
        {
            _locks[t] = new object();
        }
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseSetting("urls", "http://" + listen);
        _app = builder.Build();
        _app.MapGet("/targets", WriteDiscoveryAsync);
        _app.MapGet("/targets/{target:int}/metrics", WriteTargetAsync);
    }

    /// <summary>The address actually bound (useful with port 0).</summary>
    public string Address => _app.Urls.First();

    public Task StartAsync(CancellationToken cancellationToken) => _app.StartAsync(cancellationToken);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync().ConfigureAwait(false);

    private async Task WriteDiscoveryAsync(HttpContext context)
    {
        var address = context.Request.Host.Value;
        var json = new StringBuilder("[");
        for (var t = 0; t < _nextStep.Length; t++)
        {
            json.Append(t == 0 ? "" : ",")
                .Append(CultureInfo.InvariantCulture, $"{{\"targets\":[\"{address}\"],\"labels\":{{\"__metrics_path__\":\"/targets/{t}/metrics\",\"instance\":\"host-{t:D5}:9100\"}}}}");
        }
        json.Append(']');
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json.ToString(), context.RequestAborted).ConfigureAwait(false);
    }

    private async Task WriteTargetAsync(HttpContext context, int target)
    {
        if (target < 0 || target >= _nextStep.Length)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            await context.Response.WriteAsync($"no target {target}: targets are 0..{_nextStep.Length - 1}\n", context.RequestAborted).ConfigureAwait(false);
            return;
        }
        var first = target * NodeLikeDataSet.SeriesPerInstance;
        var end = Math.Min(first + NodeLikeDataSet.SeriesPerInstance, _data.Series.Length);
        var text = new StringBuilder(64 * (end - first));
        lock (_locks[target])
        {
            var due = (int)((DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - _startMs) / _data.IntervalMs);
            for (; _nextStep[target] <= due; _nextStep[target]++)
            {
                for (var s = first; s < end; s++)
                {
                    _current[s] = _data.NextValue(s, _nextStep[target]);
                }
            }
            for (var s = first; s < end; s++)
            {
                AppendSample(text, _data.Series[s].LabelPairs, _current[s]);
            }
        }
        context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
        await context.Response.WriteAsync(text.ToString(), context.RequestAborted).ConfigureAwait(false);
    }

    private static void AppendSample(StringBuilder text, string[] pairs, double value)
    {
        text.Append(pairs[1]);
        var open = false;
        for (var i = 2; i < pairs.Length; i += 2)
        {
            if (pairs[i] is "instance" or "job")
            {
                continue;
            }
            text.Append(open ? ',' : '{').Append(pairs[i]).Append("=\"").Append(pairs[i + 1]).Append('"');
            open = true;
        }
        text.Append(open ? "} " : " ").Append(value.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
    }
}
