using System.Text;
using Argus.EndToEnd.Tests;
using Microsoft.Playwright;

namespace Argus.WebUi.Tests;

/// <summary>
/// One Chromium and one Argus shared by every UI test: Argus scrapes itself and its Pushgateway
/// every second, and a pushed series with a known value gives the tests something exact to find.
/// </summary>
public sealed class UiFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string PushedMetric = "ui_test_temperature_celsius";
    public const string PushedValue = "21.5";

    private readonly string _dir = Directory.CreateTempSubdirectory("argus-ui-").FullName;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private ArgusProcess? _argus;

    public IBrowser Browser => _browser!;

    internal ArgusProcess Argus => _argus!;

    public int Port { get; private set; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    /// <summary>Where page screenshots go: $ARGUS_UI_SCREENSHOTS, else TestResults/ui-screenshots in the repository.</summary>
    public string ScreenshotDirectory { get; } = Environment.GetEnvironmentVariable("ARGUS_UI_SCREENSHOTS") is { Length: > 0 } dir
        ? dir
        : Path.Combine(ArgusBinary.RepositoryRoot, "TestResults", "ui-screenshots");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium package (./test.sh does)");
        }
        Port = LoopbackPort.Free();
        await File.WriteAllTextAsync(Path.Combine(_dir, "argus.yml"), $$"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
            scrape_configs:
              - job_name: argus
                static_configs: [{ targets: ["127.0.0.1:{{Port}}"] }]
              - job_name: pushgateway
                honor_labels: true
                metrics_path: /pushgateway/metrics
                static_configs: [{ targets: ["127.0.0.1:{{Port}}"] }]
            """);
        var argusStart = ArgusProcess.StartAsync(_dir, "--config.file=argus.yml", "--storage.tsdb.path=data", $"--web.listen-address=127.0.0.1:{Port}");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        _argus = await argusStart;

        using var push = new StringContent($"# TYPE {PushedMetric} gauge\n{PushedMetric}{{room=\"lab\"}} {PushedValue}\n", Encoding.UTF8, "text/plain");
        (await Argus.Http.PutAsync("/metrics/job/uitest", push)).EnsureSuccessStatusCode();
        // Wait for the scrapes that make `up` and the pushed series queryable.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var up = await Argus.Http.GetStringAsync("/api/v1/query?query=count(up%3D%3D1)%20%2B%20count(" + PushedMetric + ")");
            if (up.Contains("\"3\"", StringComparison.Ordinal))
            {
                break;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("argus did not scrape itself and its pushed group in time: " + up);
            }
            await Task.Delay(200);
        }
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
        if (_argus is not null)
        {
            await _argus.DisposeAsync();
        }
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>A fresh browser context with one page, watching for console errors and requests that leave the machine.</summary>
    public Task<UiSession> OpenAsync(string path, int width = 1280, int height = 900) =>
        UiSession.OpenAsync(this, BaseUrl, path, width, height);
}
