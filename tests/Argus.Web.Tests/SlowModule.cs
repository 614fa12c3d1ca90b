using Argus.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Argus.Web.Tests;

/// <summary>A module with a slow endpoint (for graceful-stop tests), a readiness-gated one and a failing one.</summary>
internal sealed class SlowModule : IWebModule
{
    public readonly TaskCompletionSource Entered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void MapEndpoints(IEndpointRouteBuilder routes, WebOptions options)
    {
        routes.MapGet("/test/slow", async () =>
        {
            Entered.TrySetResult();
            await Task.Delay(700);
            return Results.Text("finished");
        });
        routes.MapGet("/test/gated", () => Results.Text("ok")).RequireReady();
        routes.MapGet("/test/throw", string () => throw new InvalidOperationException("handler bug"));
    }
}
