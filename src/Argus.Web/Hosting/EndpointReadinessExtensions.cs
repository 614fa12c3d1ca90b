using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Argus.Web.Hosting;

/// <summary>Lets API modules make an endpoint answer 503 "Service Unavailable" until Argus is ready,
/// as Prometheus does for its query and metadata APIs.</summary>
public static class EndpointReadinessExtensions
{
    public static TBuilder RequireReady<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(static async (context, next) =>
        {
            var gate = context.HttpContext.RequestServices.GetRequiredService<ReadinessGate>();
            if (!gate.IsReady)
            {
                return Results.Text("Service Unavailable", statusCode: StatusCodes.Status503ServiceUnavailable);
            }
            return await next(context).ConfigureAwait(false);
        });
}
