namespace Argus.Web.Hosting;

/// <summary>What the <c>/-/reload</c> and <c>/-/quit</c> endpoints ask of the program.</summary>
public interface IServerLifecycle
{
    /// <summary>Re-reads and applies the configuration. Throws (with a message naming the file and
    /// cause) when the new configuration is invalid; the running one then stays in force.</summary>
    Task ReloadAsync(CancellationToken cancellationToken);

    /// <summary>Starts a graceful shutdown and returns at once.</summary>
    void RequestShutdown(string reason);
}
