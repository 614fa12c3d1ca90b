namespace Argus.Web.Hosting;

/// <summary>The HTTP server's settings, from the <c>--web.*</c> flags.</summary>
public sealed record WebOptions
{
    public required ListenAddress ListenAddress { get; init; }

    /// <summary>The URL under which Argus is reachable from outside (for links and alerts).</summary>
    public required Uri ExternalUrl { get; init; }

    /// <summary>Path prefix of every endpoint: "/" or "/something" without a trailing slash.</summary>
    public string RoutePrefix { get; init; } = "/";

    /// <summary>Allows <c>/-/reload</c> and <c>/-/quit</c> (<c>--web.enable-lifecycle</c>).</summary>
    public bool EnableLifecycle { get; init; }

    /// <summary>Allows the admin API endpoints other modules register (<c>--web.enable-admin-api</c>).</summary>
    public bool EnableAdminApi { get; init; }

    /// <summary>Most simultaneous connections (<c>--web.max-connections</c>); 0 means no limit.</summary>
    public int MaxConnections { get; init; } = 512;

    /// <summary>How long a graceful stop waits for in-flight requests before aborting them.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
