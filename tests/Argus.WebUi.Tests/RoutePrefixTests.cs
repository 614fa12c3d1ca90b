using Argus.Instrumentation.Metrics;
using Argus.Web.Hosting;
using Argus.Web.Logging;
using Argus.Web.Ui;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace Argus.WebUi.Tests;

/// <summary>The UI under <c>--web.route-prefix=/argus</c>: assets, API calls and navigation all stay below the prefix.</summary>
[Collection(UiCollection.Name)]
public sealed class RoutePrefixTests(UiFixture fixture) : IAsyncLifetime
{
    private ArgusWebHost? _host;

    public async Task InitializeAsync()
    {
        var options = new WebOptions
        {
            ListenAddress = ListenAddress.Parse("127.0.0.1:0"),
            ExternalUrl = new Uri("http://127.0.0.1/argus/"),
            RoutePrefix = "/argus",
        };
        var logs = new ArgusLoggerProvider(LogLevel.Warning, LogFormat.Logfmt, TextWriter.Null);
        _host = new ArgusWebHost(options, new MetricsRegistry(), new ReadinessGate(), new NoLifecycle(), logs, [new WebUiModule()]);
        await _host.StartAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    [Fact]
    public async Task Pages_assets_and_api_calls_stay_under_the_prefix()
    {
        var requested = new List<string>();
        await using var ui = await UiSession.OpenAsync(fixture, _host!.BoundAddresses.Single(), "/argus/", 1280, 900);
        ui.Page.Request += (_, request) => requested.Add(new Uri(request.Url).AbsolutePath);
        Assert.Equal("/argus/graph", new Uri(ui.Page.Url).AbsolutePath);
        await ui.Page.Locator("main h1").WaitForAsync();

        await ui.Page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Targets", Exact = true }).ClickAsync();
        // This host serves no API: the page says so, having asked below the prefix.
        await ui.Page.Locator(".notice-warning", new PageLocatorOptions { HasText = "HTTP 404" }).WaitForAsync();
        Assert.Equal("/argus/targets", new Uri(ui.Page.Url).AbsolutePath);
        Assert.Contains("/argus/api/v1/targets", requested);
        Assert.All(requested, path => Assert.StartsWith("/argus/", path, StringComparison.Ordinal));
        ui.ExpectedErrors.Add("404");
        ui.AssertClean();
    }
}
