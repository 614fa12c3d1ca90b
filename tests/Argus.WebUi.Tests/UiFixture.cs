using System.Text;
using Argus.EndToEnd.Tests;
using Microsoft.Playwright;

namespace Argus.WebUi.Tests;

/// <summary>
/// One Chromium and one Argus shared by every UI test: Argus scrapes itself and its Pushgateway
/// every second, and a pushed series with a known value gives the tests something exact to find.
/// A rule that always fires reaches the embedded alert manager, whose route has an escalation step,
/// and the data directory starts with backfilled history, so the TSDB has blocks and a WAL to replay.
/// </summary>
public sealed class UiFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string PushedMetric = "ui_test_temperature_celsius";
    public const string PushedValue = "21.5";
    public const string FiringAlert = "UiTestAlwaysFiring";
    public const string BackfilledMetric = "ui_test_history_celsius";

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
        await BackfillAsync();
        await File.WriteAllTextAsync(Path.Combine(_dir, "argus.yml"), $$"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
              evaluation_interval: 1s
            rule_files: [rules.yml]
            alerting:
              alertmanagers:
                - static_configs: [{ targets: ["127.0.0.1:{{Port}}"] }]
            scrape_configs:
              - job_name: argus
                static_configs: [{ targets: ["127.0.0.1:{{Port}}"] }]
              - job_name: pushgateway
                honor_labels: true
                metrics_path: /pushgateway/metrics
                static_configs: [{ targets: ["127.0.0.1:{{Port}}"] }]
            """);
        await File.WriteAllTextAsync(Path.Combine(_dir, "rules.yml"), $$"""
            groups:
              - name: ui
                interval: 1s
                rules:
                  - alert: {{FiringAlert}}
                    expr: vector(1)
                    for: 0s
                    labels: { severity: page }
                    annotations: { summary: "fires from the start, for the UI tests" }
            """);
        // The escalation step lies an hour out, so the page shows it as due and no test waits for it.
        await File.WriteAllTextAsync(Path.Combine(_dir, "am.yml"), """
            route:
              receiver: team-chat
              group_by: [alertname]
              group_wait: 1s
              group_interval: 1s
              repeat_interval: 1h
              routes:
                - matchers: ['severity="page"']
                  receiver: oncall-primary
                  escalation:
                    - { after: 1h, receiver: oncall-secondary }
            receivers:
              - name: team-chat
              - name: oncall-primary
              - name: oncall-secondary
            """);
        var argusStart = ArgusProcess.StartAsync(_dir, "--config.file=argus.yml", "--storage.tsdb.path=data", $"--web.listen-address=127.0.0.1:{Port}",
            "--alertmanager.config.file=am.yml", "--rules.alert.resend-delay=1s");
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

    /// <summary>Four hours of a gauge, ten to six hours ago, written into the data directory by
    /// <c>argus tsdb create-blocks-from openmetrics</c>: what does not fit a whole block stays in the head,
    /// so Argus starts with blocks on disk and a WAL (or its checkpoint) to replay.</summary>
    private async Task BackfillAsync()
    {
        var text = new StringBuilder($"# TYPE {BackfilledMetric} gauge\n");
        var start = (DateTimeOffset.UtcNow.ToUnixTimeSeconds() - (10 * 3600)) / 60 * 60;
        for (var minute = 0; minute <= 4 * 60; minute++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{BackfilledMetric}{{room=\"archive\"}} {minute % 30} {start + (minute * 60)}\n");
        }
        text.Append("# EOF\n");
        await File.WriteAllTextAsync(Path.Combine(_dir, "history.om"), text.ToString());
        var (exit, _, stderr) = await CliProcess.RunAsync(_dir, "tsdb", "create-blocks-from", "openmetrics", "history.om", "data");
        if (exit != 0)
        {
            throw new InvalidOperationException("backfilling the UI test data failed: " + stderr);
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
