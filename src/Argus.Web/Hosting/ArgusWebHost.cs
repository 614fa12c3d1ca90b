using System.Net;
using Argus.Instrumentation.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Argus.Web.Hosting;

/// <summary>
/// Argus's HTTP server: Kestrel with the core <c>/-/*</c> and <c>/metrics</c> endpoints plus the
/// endpoints of the given <see cref="IWebModule"/>s, all under the route prefix, and request metrics.
/// </summary>
/// <remarks>
/// Start once, stop once. <see cref="StopAsync"/> is graceful: the listener closes at once and
/// in-flight requests get up to <see cref="WebOptions.ShutdownTimeout"/> to finish.
/// </remarks>
public sealed class ArgusWebHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ILogger _logger;

    public ArgusWebHost(
        WebOptions options,
        MetricsRegistry registry,
        ReadinessGate readiness,
        IServerLifecycle lifecycle,
        ILoggerProvider loggerProvider,
        IEnumerable<IWebModule> modules)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = "argus",
            ContentRootPath = AppContext.BaseDirectory,
            Args = [],
        });
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Logging.AddProvider(loggerProvider);
        builder.Services.AddSingleton<IHostLifetime, PassiveHostLifetime>();
        builder.Services.AddSingleton(readiness);
        builder.Services.AddSingleton(registry);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = options.ShutdownTimeout);
        builder.WebHost.ConfigureKestrel(kestrel => ConfigureKestrel(kestrel, options));

        _app = builder.Build();
        _logger = _app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Argus.Web");
        var requestMetrics = new HttpRequestMetrics(registry, options.RoutePrefix);
        _app.Use(requestMetrics.InvokeAsync);
        var routes = options.RoutePrefix == "/" ? (IEndpointRouteBuilder)_app : _app.MapGroup(options.RoutePrefix);
        CoreEndpoints.Map(routes, options, registry, readiness, lifecycle, _logger);
        foreach (var module in modules)
        {
            module.MapEndpoints(routes, options);
        }
    }

    public WebOptions Options { get; }

    /// <summary>The addresses actually bound, e.g. <c>http://127.0.0.1:41234</c> (known after start).</summary>
    public IReadOnlyList<string> BoundAddresses =>
        [.. _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? []];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _app.StartAsync(cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("Listening for HTTP connections on {address} ({external_url})",
            string.Join(", ", BoundAddresses), Options.ExternalUrl);
    }

    /// <summary>Stops accepting connections and waits for in-flight requests (bounded by the
    /// shutdown timeout or <paramref name="cancellationToken"/>).</summary>
    public Task StopAsync(CancellationToken cancellationToken) => _app.StopAsync(cancellationToken);

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private static void ConfigureKestrel(KestrelServerOptions kestrel, WebOptions options)
    {
        kestrel.AddServerHeader = false;
        kestrel.Limits.MaxConcurrentConnections = options.MaxConnections > 0 ? options.MaxConnections : null;
        var address = options.ListenAddress;
        if (address.Host.Length == 0)
        {
            // Go's ":port" means every interface, IPv4 and IPv6.
            kestrel.ListenAnyIP(address.Port);
        }
        else if (address.IpAddress is { } ip)
        {
            kestrel.Listen(ip, address.Port);
        }
        else if (string.Equals(address.Host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            kestrel.ListenLocalhost(address.Port);
        }
        else
        {
            foreach (var resolved in Dns.GetHostAddresses(address.Host))
            {
                kestrel.Listen(resolved, address.Port);
            }
        }
    }
}
