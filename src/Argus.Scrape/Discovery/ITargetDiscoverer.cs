using Argus.Config.Discovery;

namespace Argus.Scrape.Discovery;

/// <summary>One service-discovery source of a scrape job. <see cref="RefreshAsync"/> returns the complete current
/// set of target groups or throws; the runner then keeps the last good set, as Prometheus does.</summary>
public interface ITargetDiscoverer : IDisposable
{
    /// <summary>Identifies the source within its job (e.g. <c>file/0</c>), for logs and the group source names.</summary>
    string Key { get; }

    /// <summary>How often to refresh; <see cref="Timeout.InfiniteTimeSpan"/> for sources that never change.</summary>
    TimeSpan RefreshInterval { get; }

    /// <summary>Signalled when the source knows it changed (file watch), so the runner refreshes early. May be null.</summary>
    SemaphoreSlim? ChangeSignal { get; }

    Task<IReadOnlyList<TargetGroup>> RefreshAsync(CancellationToken cancellationToken);
}
