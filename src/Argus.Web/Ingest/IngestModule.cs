using Argus.Instrumentation.Exposition;
using Argus.Scrape.Pushgateway;
using Argus.Scrape.RemoteWrite;
using Argus.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Argus.Web.Ingest;

/// <summary>
/// The push side of ingestion: <c>POST /api/v1/write</c> (remote write 1.0) and the Pushgateway API
/// under <c>/metrics/job/…</c> with its groups exposed at <c>/pushgateway/metrics</c>. The host collector
/// has its own module, <see cref="HostMetricsModule"/>, because <c>argus agent</c> serves it without these.
/// </summary>
/// <remarks>
/// Pushed groups are exposed for scraping rather than written straight into storage, as the real
/// Pushgateway does: the scrape then stamps them with the scrape time, marks them stale when a group
/// is deleted, and applies the job's relabeling, so dashboards built for a Pushgateway work unchanged.
/// </remarks>
public sealed class IngestModule(RemoteWriteReceiver remoteWrite, PushgatewayReceiver pushgateway, PushgatewayStore pushgatewayStore) : IWebModule
{
    public void MapEndpoints(IEndpointRouteBuilder routes, WebOptions options)
    {
        routes.MapPost("/api/v1/write", async context =>
        {
            var response = await remoteWrite.HandleAsync(ReceiverEndpoints.ToReceiverRequest(context, "/api/v1/write"), context.RequestAborted).ConfigureAwait(false);
            await ReceiverEndpoints.WriteAsync(context, response).ConfigureAwait(false);
        }).RequireReady();

        routes.MapMethods("/metrics/job/{**grouping}", ["PUT", "POST", "DELETE"], async context =>
        {
            var path = "/metrics/job/" + (string?)context.Request.RouteValues["grouping"];
            var response = await pushgateway.HandleAsync(ReceiverEndpoints.ToReceiverRequest(context, path), context.RequestAborted).ConfigureAwait(false);
            await ReceiverEndpoints.WriteAsync(context, response).ConfigureAwait(false);
        });

        routes.MapGet("/pushgateway/metrics", async context =>
        {
            var text = new StringWriter();
            pushgatewayStore.WriteExposition(text);
            context.Response.ContentType = ExpositionWriter.ContentType;
            await context.Response.WriteAsync(text.ToString(), context.RequestAborted).ConfigureAwait(false);
        });
    }
}
