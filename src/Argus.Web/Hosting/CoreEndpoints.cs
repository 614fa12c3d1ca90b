using Argus.Instrumentation.Exposition;
using Argus.Instrumentation.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Argus.Web.Hosting;

/// <summary>
/// The endpoints every Argus server has: <c>/-/healthy</c>, <c>/-/ready</c>, <c>/-/reload</c>,
/// <c>/-/quit</c> and <c>/metrics</c>, with Prometheus' status codes and messages.
/// </summary>
internal static class CoreEndpoints
{
    private const string LifecycleDisabled = "Lifecycle API is not enabled.";
    private const string OnlyPostOrPut = "Only POST or PUT requests allowed.";

    public static void Map(IEndpointRouteBuilder routes, WebOptions options, MetricsRegistry registry, ReadinessGate readiness,
        IServerLifecycle lifecycle, ILogger logger)
    {
        string[] getOrHead = [HttpMethods.Get, HttpMethods.Head];
        string[] postOrPut = [HttpMethods.Post, HttpMethods.Put];

        routes.MapMethods("/-/healthy", getOrHead, static () => Results.Text("Argus Server is Healthy.\n"));
        routes.MapMethods("/-/ready", getOrHead, () => readiness.IsReady
            ? Results.Text("Argus Server is Ready.\n")
            : Results.Text("Service Unavailable", statusCode: StatusCodes.Status503ServiceUnavailable));

        routes.MapMethods("/-/reload", postOrPut, async (HttpContext context) =>
        {
            if (!options.EnableLifecycle)
            {
                return Results.Text(LifecycleDisabled, statusCode: StatusCodes.Status403Forbidden);
            }
            // Read any body to the end so the connection can be reused and a request that is
            // still uploading when shutdown starts counts as in flight.
            await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted).ConfigureAwait(false);
            try
            {
                await lifecycle.ReloadAsync(context.RequestAborted).ConfigureAwait(false);
                return Results.Text(string.Empty);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return Results.Text($"failed to reload config: {ex.Message}\n", statusCode: StatusCodes.Status500InternalServerError);
            }
        });
        routes.MapMethods("/-/quit", postOrPut, async (HttpContext context) =>
        {
            if (!options.EnableLifecycle)
            {
                return Results.Text(LifecycleDisabled, statusCode: StatusCodes.Status403Forbidden);
            }
            await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted).ConfigureAwait(false);
            logger.LogInformation("Termination requested over HTTP from {remote}", context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
            lifecycle.RequestShutdown("quit requested over HTTP");
            return Results.Text("Requesting termination... Goodbye!");
        });
        foreach (var path in (string[])["/-/reload", "/-/quit"])
        {
            routes.MapGet(path, static () => Results.Text(OnlyPostOrPut, statusCode: StatusCodes.Status405MethodNotAllowed));
        }

        routes.MapGet("/metrics", async (HttpContext context) =>
        {
            // Write into memory first: the registry writer is synchronous and Kestrel forbids
            // synchronous writes to the response body.
            using var buffer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
            registry.WriteTo(new ExpositionWriter(buffer));
            context.Response.ContentType = ExpositionWriter.ContentType;
            await context.Response.WriteAsync(buffer.ToString(), context.RequestAborted).ConfigureAwait(false);
        });
    }
}
