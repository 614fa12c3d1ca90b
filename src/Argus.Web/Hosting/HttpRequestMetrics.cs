using System.Diagnostics;
using System.Globalization;
using Argus.Instrumentation.Metrics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Argus.Web.Hosting;

/// <summary>
/// Counts requests by handler and status code and times them by handler. The handler label is the
/// matched route template without the route prefix (e.g. <c>/-/healthy</c>, <c>/api/v1/query</c>);
/// requests that match no endpoint are not recorded, which keeps the label set bounded.
/// </summary>
public sealed class HttpRequestMetrics
{
    private static readonly double[] DurationBuckets = [0.1, 0.2, 0.4, 1, 3, 8, 20, 60, 120];

    private readonly CounterFamily _requests;
    private readonly HistogramFamily _durations;
    private readonly string _routePrefix;

    public HttpRequestMetrics(MetricsRegistry registry, string routePrefix)
    {
        _requests = registry.CounterFamily("argus_http_requests_total", "HTTP requests served, by handler and status code.", "code", "handler");
        _durations = registry.HistogramFamily("argus_http_request_duration_seconds", "Time spent serving HTTP requests, by handler.", DurationBuckets, "handler");
        _routePrefix = routePrefix == "/" ? string.Empty : routePrefix;
    }

    /// <summary>Middleware body: runs the rest of the pipeline and records the outcome.</summary>
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var started = Stopwatch.GetTimestamp();
        var failed = false;
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch
        {
            // The server turns an unhandled exception into a 500 after this middleware has returned.
            failed = true;
            throw;
        }
        finally
        {
            if (HandlerName(context.GetEndpoint()) is { } handler)
            {
                var code = failed && !context.Response.HasStarted ? StatusCodes.Status500InternalServerError : context.Response.StatusCode;
                _requests.WithLabels(code.ToString(CultureInfo.InvariantCulture), handler).Inc();
                _durations.WithLabels(handler).Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
            }
        }
    }

    private string? HandlerName(Endpoint? endpoint)
    {
        if (endpoint is not RouteEndpoint route || route.RoutePattern.RawText is not { } template)
        {
            return null;
        }
        if (!template.StartsWith('/'))
        {
            template = "/" + template;
        }
        if (_routePrefix.Length > 0 && template.StartsWith(_routePrefix, StringComparison.Ordinal))
        {
            template = template[_routePrefix.Length..];
        }
        return template.Length == 0 ? "/" : template;
    }
}
