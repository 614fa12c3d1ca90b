using Argus.Web.Hosting;
using Microsoft.Extensions.Logging;

namespace Argus.Server.Composition;

/// <summary>
/// The life of a program whose only long-running part is its web server (<c>argus alertmanager</c>,
/// <c>argus agent</c>): start listening, declare readiness, wait for a shutdown request, withdraw readiness
/// and stop gracefully, letting in-flight requests finish.
/// </summary>
internal static class StandaloneWebHost
{
    /// <summary>Runs <paramref name="web"/> until <paramref name="shutdownRequested"/> completes with the reason;
    /// returns 0 then, or 1 when the listener cannot be opened. Disposes <paramref name="web"/>.</summary>
    public static async Task<int> ServeUntilShutdownAsync(ArgusWebHost web, ReadinessGate readiness, Task<string> shutdownRequested, ILogger logger)
    {
        await using (web.ConfigureAwait(false))
        {
            try
            {
                await web.StartAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException)
            {
                logger.LogError(ex, "Unable to start the web server on {address}", web.Options.ListenAddress);
                return 1;
            }
            readiness.Open();
            var reason = await shutdownRequested.ConfigureAwait(false);
            logger.LogInformation("Shutting down: {reason}", reason);
            readiness.Close();
            await web.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
        return 0;
    }
}
