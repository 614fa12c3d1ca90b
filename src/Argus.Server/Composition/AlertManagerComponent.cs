using Argus.Server.Alertmanager;
using Argus.Server.Config;

namespace Argus.Server.Composition;

/// <summary>
/// The embedded alert manager of <c>argus server --alertmanager.config.file</c>. It has its own configuration
/// file: starting loads it, a server reload reloads it too (strictly; a bad file fails the reload and the
/// running alert manager configuration stays), stopping writes the final snapshots.
/// </summary>
internal sealed class AlertManagerComponent(AlertManagerService service) : IServerComponent
{
    public string Name => "alertmanager";

    public Task StartAsync(LoadedConfig config, CancellationToken cancellationToken)
    {
        service.Start();
        return Task.CompletedTask;
    }

    public Task ApplyConfigAsync(LoadedConfig config, CancellationToken cancellationToken) => service.ReloadAsync(cancellationToken);

    public async Task StopAsync(CancellationToken cancellationToken) => await service.DisposeAsync().ConfigureAwait(false);
}
