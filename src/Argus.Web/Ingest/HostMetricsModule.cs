using Argus.Instrumentation.Exposition;
using Argus.Scrape.Host;
using Argus.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Argus.Web.Ingest;

/// <summary>
/// The host collector's own endpoint, <c>GET /metrics/host</c>: only the node_exporter-compatible host
/// metrics, without Argus's process metrics, so a scrape job named <c>node</c> gets exactly what a node
/// exporter would give it. Both <c>argus server</c> and <c>argus agent --host-collector</c> serve it.
/// </summary>
public sealed class HostMetricsModule(HostCollector host) : IWebModule
{
    public void MapEndpoints(IEndpointRouteBuilder routes, WebOptions options)
    {
        routes.MapGet("/metrics/host", async context =>
        {
            var text = host.Render();
            context.Response.ContentType = ExpositionWriter.ContentType;
            await context.Response.WriteAsync(text, context.RequestAborted).ConfigureAwait(false);
        });
    }
}
