using Argus.Config.Discovery;

namespace Argus.Scrape.Discovery;

/// <summary><c>static_configs</c>: the groups written in the configuration, forever.</summary>
public sealed class StaticDiscoverer(IReadOnlyList<TargetGroup> groups) : ITargetDiscoverer
{
    public string Key => "static";

    public TimeSpan RefreshInterval => Timeout.InfiniteTimeSpan;

    public SemaphoreSlim? ChangeSignal => null;

    public Task<IReadOnlyList<TargetGroup>> RefreshAsync(CancellationToken cancellationToken) => Task.FromResult(groups);

    public void Dispose()
    {
    }
}
