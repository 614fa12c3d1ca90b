using Microsoft.Extensions.Hosting;

namespace Argus.Web.Hosting;

/// <summary>
/// A host lifetime that does nothing, replacing ASP.NET Core's console lifetime: the <c>argus</c>
/// program handles SIGTERM, SIGINT and SIGHUP itself so that shutdown stops every component in
/// order, not only the web host.
/// </summary>
internal sealed class PassiveHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
