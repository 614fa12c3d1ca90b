using System.Net;
using System.Text.RegularExpressions;
using Argus.Instrumentation.Metrics;
using Argus.Web.Hosting;
using Argus.Web.Logging;
using Argus.Web.Ui;
using Microsoft.Extensions.Logging;

namespace Argus.Web.Tests.Ui;

/// <summary>The embedded UI served through the real host: redirects, page paths, assets and
/// their headers, under the root and under a route prefix.</summary>
public sealed partial class WebUiModuleTests : IAsyncLifetime
{
    private ArgusWebHost? _host;
    private HttpClient? _client;

    private HttpClient Client => _client!;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    private async Task StartAsync(string externalUrl, string routePrefix)
    {
        var options = new WebOptions
        {
            ListenAddress = ListenAddress.Parse("127.0.0.1:0"),
            ExternalUrl = new Uri(externalUrl),
            RoutePrefix = routePrefix,
        };
        var logs = new ArgusLoggerProvider(LogLevel.Warning, LogFormat.Logfmt, TextWriter.Null);
        _host = new ArgusWebHost(options, new MetricsRegistry(), new ReadinessGate(), new RecordingLifecycle(), logs, [new WebUiModule()]);
        await _host.StartAsync(CancellationToken.None);
        _client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(_host.BoundAddresses.Single()) };
    }

    [Fact]
    public void The_build_embeds_an_index_page_and_hashed_script_and_stylesheet()
    {
        var assets = UiAssets.Embedded;
        Assert.Contains(assets.Paths, p => HashedAsset().IsMatch(p) && p.EndsWith(".js", StringComparison.Ordinal));
        Assert.Contains(assets.Paths, p => HashedAsset().IsMatch(p) && p.EndsWith(".css", StringComparison.Ordinal));
        Assert.Equal("text/html; charset=utf-8", assets.Index.ContentType);
    }

    [Fact]
    public async Task Root_redirects_to_the_query_page_and_pages_serve_index_html()
    {
        await StartAsync("http://localhost:9090/", "/");
        var root = await Client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, root.StatusCode);
        Assert.Equal("/graph", root.Headers.Location?.OriginalString);

        foreach (var page in new[] { "/graph", "/targets", "/alerts", "/rules", "/status", "/tsdb-status", "/service-discovery", "/alertmanager" })
        {
            var response = await Client.GetAsync(page);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            Assert.True(response.Headers.CacheControl?.NoCache, page);
            Assert.Contains("<script type=\"module\" src=\"assets/", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/no-such-page")).StatusCode);
    }

    [Fact]
    public async Task Hashed_assets_have_their_content_type_long_caching_and_etag_revalidation()
    {
        await StartAsync("http://localhost:9090/", "/");
        var script = UiAssets.Embedded.Paths.First(p => p.EndsWith(".js", StringComparison.Ordinal));
        var stylesheet = UiAssets.Embedded.Paths.First(p => p.EndsWith(".css", StringComparison.Ordinal));

        var js = await Client.GetAsync("/" + script);
        Assert.Equal(HttpStatusCode.OK, js.StatusCode);
        Assert.Equal("text/javascript", js.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromDays(365), js.Headers.CacheControl?.MaxAge);
        Assert.Equal(UiAssets.Embedded.Find(script)!.Content.Length, (await js.Content.ReadAsByteArrayAsync()).Length);
        Assert.Equal("text/css", (await Client.GetAsync("/" + stylesheet)).Content.Headers.ContentType?.MediaType);

        using var revalidate = new HttpRequestMessage(HttpMethod.Get, "/" + script);
        revalidate.Headers.IfNoneMatch.Add(js.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await Client.SendAsync(revalidate)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/assets/main-NOTBUILT.js")).StatusCode);
    }

    [Fact]
    public async Task Under_a_route_prefix_everything_moves_below_it()
    {
        await StartAsync("http://example.org/argus/", "/argus");
        var root = await Client.GetAsync("/argus/");
        Assert.Equal(HttpStatusCode.Redirect, root.StatusCode);
        Assert.Equal("/argus/graph", root.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/argus/targets")).StatusCode);
        var script = UiAssets.Embedded.Paths.First(p => p.EndsWith(".js", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/argus/" + script)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/targets")).StatusCode);
    }

    [Fact]
    public async Task Behind_a_proxy_that_strips_the_path_the_redirect_keeps_the_external_path()
    {
        await StartAsync("http://example.org/monitoring/", "/");
        var root = await Client.GetAsync("/");
        Assert.Equal("/monitoring/graph", root.Headers.Location?.OriginalString);
    }

    [GeneratedRegex(@"^assets/main-[A-Z0-9]{8}\.(js|css)$")]
    private static partial Regex HashedAsset();
}
