using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Argus.EndToEnd.Tests;

/// <summary>
/// The whole alerting path in one real <c>argus server</c>: a rule fires, the notifier posts the alert to the
/// alert manager embedded in the same server (configured under <c>alerting</c> like any Alertmanager), the
/// route groups it, and the webhook receiver (a real HTTP server on 127.0.0.1) gets Alertmanager's webhook
/// payload: first firing, then resolved once the rule stops matching.
/// </summary>
public sealed class AlertPipelineTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("argus-e2e-pipeline-").FullName;
    private readonly Channel<JsonDocument> _received = Channel.CreateUnbounded<JsonDocument>();
    private WebApplication? _webhook;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseSetting("urls", "http://127.0.0.1:0");
        _webhook = builder.Build();
        _webhook.MapPost("/hook", async context =>
        {
            _received.Writer.TryWrite(await JsonDocument.ParseAsync(context.Request.Body));
            context.Response.StatusCode = StatusCodes.Status200OK;
        });
        await _webhook.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_webhook is not null)
        {
            await _webhook.DisposeAsync();
        }
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task A_firing_rule_reaches_a_webhook_through_the_embedded_alert_manager_and_resolves()
    {
        var port = LoopbackPort.Free();
        await File.WriteAllTextAsync(Path.Combine(_dir, "argus.yml"), $$"""
            global:
              evaluation_interval: 1s
              external_labels: { cluster: e2e }
            rule_files: [rules.yml]
            alerting:
              alertmanagers:
                - static_configs: [{ targets: ["127.0.0.1:{{port}}"] }]
            scrape_configs: []
            """);
        await File.WriteAllTextAsync(Path.Combine(_dir, "rules.yml"), """
            groups:
              - name: disks
                interval: 1s
                rules:
                  - alert: DiskAlmostFull
                    expr: vector(93) > 90
                    labels: { severity: page, team: storage }
                    annotations: { summary: "disk at {{ $value }}%" }
            """);
        await File.WriteAllTextAsync(Path.Combine(_dir, "am.yml"), $$"""
            route:
              receiver: nobody
              group_by: [alertname]
              group_wait: 1s
              group_interval: 1s
              routes:
                - matchers: ['team="storage"']
                  receiver: storage-hook
            receivers:
              - name: nobody
              - name: storage-hook
                webhook_configs:
                  - url: {{_webhook!.Urls.First()}}/hook
                    send_resolved: true
            """);
        string[] args = ["--config.file=argus.yml", "--storage.tsdb.path=data", "--alertmanager.config.file=am.yml",
            $"--web.listen-address=127.0.0.1:{port}", "--rules.alert.resend-delay=1s", "--web.enable-lifecycle"];
        await using var argus = await ArgusProcess.StartAsync(_dir, args);

        using var firing = await NextAsync("firing", argus);
        var root = firing.RootElement;
        Assert.Equal("4", root.GetProperty("version").GetString());
        Assert.Equal("storage-hook", root.GetProperty("receiver").GetString());
        Assert.Equal("DiskAlmostFull", root.GetProperty("groupLabels").GetProperty("alertname").GetString());
        var alert = Assert.Single(root.GetProperty("alerts").EnumerateArray());
        var labels = alert.GetProperty("labels");
        Assert.Equal("DiskAlmostFull", labels.GetProperty("alertname").GetString());
        Assert.Equal("page", labels.GetProperty("severity").GetString());
        Assert.Equal("e2e", labels.GetProperty("cluster").GetString());
        Assert.Equal("disk at 93%", alert.GetProperty("annotations").GetProperty("summary").GetString());
        Assert.Contains("/graph?g0.expr=", alert.GetProperty("generatorURL").GetString(), StringComparison.Ordinal);

        // The rule stops matching: the notifier sends the resolution and the webhook hears it.
        await File.WriteAllTextAsync(Path.Combine(_dir, "rules.yml"), """
            groups:
              - name: disks
                interval: 1s
                rules:
                  - alert: DiskAlmostFull
                    expr: vector(42) > 90
                    labels: { severity: page, team: storage }
            """);
        var reload = await argus.Http.PostAsync(new Uri("/-/reload", UriKind.Relative), null);
        Assert.True(reload.IsSuccessStatusCode, await reload.Content.ReadAsStringAsync());
        using var resolved = await NextAsync("resolved", argus);
        var resolvedAlert = Assert.Single(resolved.RootElement.GetProperty("alerts").EnumerateArray());
        Assert.Equal("resolved", resolvedAlert.GetProperty("status").GetString());
        Assert.Equal("DiskAlmostFull", resolvedAlert.GetProperty("labels").GetProperty("alertname").GetString());
    }

    /// <summary>The next webhook call whose status is <paramref name="status"/> (earlier repeats are skipped).</summary>
    private async Task<JsonDocument> NextAsync(string status, ArgusProcess argus)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            while (true)
            {
                var doc = await _received.Reader.ReadAsync(timeout.Token);
                if (doc.RootElement.GetProperty("status").GetString() == status)
                {
                    return doc;
                }
                doc.Dispose();
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no {status} webhook call within 60 s; argus said:\n" + string.Join("\n", argus.StderrLines.TakeLast(40)));
        }
    }
}
