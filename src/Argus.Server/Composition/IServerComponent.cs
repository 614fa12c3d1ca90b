using Argus.Server.Config;

namespace Argus.Server.Composition;

/// <summary>
/// A stage of the running server (storage, scrape manager, rule manager, alert manager, …) as the
/// composition root drives it: started in list order with the first configuration, given every later
/// valid configuration, stopped in reverse order.
/// </summary>
/// <remarks>
/// The root never calls two of these methods of one component concurrently. <see cref="StopAsync"/>
/// is called only after <see cref="StartAsync"/> succeeded, and must leave persistent state
/// consistent (flush, close files) because the process exits right after.
/// </remarks>
public interface IServerComponent
{
    /// <summary>Short name used in logs, e.g. <c>tsdb</c> or <c>scrape manager</c>.</summary>
    string Name { get; }

    /// <summary>Opens resources and starts background work. A throw aborts startup with exit code 1.</summary>
    Task StartAsync(LoadedConfig config, CancellationToken cancellationToken);

    /// <summary>Applies a reloaded configuration that already passed validation. A throw marks the
    /// reload failed; the component should then keep running with its previous configuration.</summary>
    Task ApplyConfigAsync(LoadedConfig config, CancellationToken cancellationToken);

    /// <summary>Stops background work and releases resources; bounded by <paramref name="cancellationToken"/>.</summary>
    Task StopAsync(CancellationToken cancellationToken);
}
