using System.Text.Json;
using Argus.Config;
using Argus.Instrumentation.Metrics;
using Argus.Model.Labels;
using Argus.Rules.Notifier;

namespace Argus.EndToEnd.Tests;

/// <summary>
/// Debian's real Alertmanager 0.25 receives what Argus's notifier sends: labels with external labels and
/// relabeling applied, annotations and generatorURL, then the resolution. And <c>/api/v1/alertmanagers</c> of the
/// running <c>argus</c> lists the Alertmanagers its configuration discovers.
/// </summary>
public sealed class NotifierInteropTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("argus-e2e-am-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_real_alertmanager_receives_firing_alerts_with_their_labels_and_then_their_resolution()
    {
        using var alertmanager = await AlertmanagerProcess.StartAsync(_dir);
        var config = PrometheusConfigLoader.Load($$"""
            global:
              external_labels: { cluster: e2e, severity: overridden-by-the-alert }
            alerting:
              alert_relabel_configs:
                - { source_labels: [alertname], regex: 'Disk(.*)', target_label: component, replacement: 'storage-$1' }
                - { source_labels: [alertname], regex: Ignored, action: drop }
              alertmanagers:
                - static_configs: [ { targets: ['{{alertmanager.Address}}', '127.0.0.1:1'] } ]
                  relabel_configs:
                    - { source_labels: [__address__], regex: '127.0.0.1:1', action: drop }
            """, "prometheus.yml", _dir);
        await using var notifier = new AlertNotifier(new NotifierOptions(), new MetricsRegistry());
        await notifier.ApplyConfigAsync(config.Alerting, config.Global.ExternalLabels);
        notifier.Start();

        var startsAt = DateTimeOffset.UtcNow.AddMinutes(-1);
        var firing = new OutgoingAlert(
            LabelSet.FromPairs("alertname", "DiskFull", "severity", "page", "instance", "db-1"),
            LabelSet.FromPairs("summary", "Disk on db-1 is full", "runbook", "https://runbooks.example/disk"),
            startsAt,
            DateTimeOffset.UtcNow.AddMinutes(4),
            "http://argus.example:9090/graph?g0.expr=disk_free%20%3D%3D%200");
        var ignored = firing with { Labels = LabelSet.FromPairs("alertname", "Ignored") };
        notifier.Send([firing, ignored]);

        var alerts = await alertmanager.WaitForAlertsAsync(a => a.GetArrayLength() >= 1);
        var alert = Assert.Single(alerts.EnumerateArray());
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["alertname"] = "DiskFull",
                ["cluster"] = "e2e",
                ["component"] = "storage-Full",
                ["instance"] = "db-1",
                ["severity"] = "page",
            },
            Strings(alert.GetProperty("labels")));
        Assert.Equal(
            new Dictionary<string, string> { ["runbook"] = "https://runbooks.example/disk", ["summary"] = "Disk on db-1 is full" },
            Strings(alert.GetProperty("annotations")));
        Assert.Equal(firing.GeneratorUrl, alert.GetProperty("generatorURL").GetString());
        Assert.Equal("active", alert.GetProperty("status").GetProperty("state").GetString());
        Assert.Equal(startsAt.ToUnixTimeMilliseconds(), DateTimeOffset.Parse(alert.GetProperty("startsAt").GetString()!).ToUnixTimeMilliseconds());

        // amtool, the command-line client users have, shows the same alert.
        var queried = JsonDocument.Parse(await AmtoolAsync(alertmanager.Address, "alert", "query", "alertname=DiskFull")).RootElement;
        var shown = Assert.Single(queried.EnumerateArray());
        Assert.Equal("e2e", shown.GetProperty("labels").GetProperty("cluster").GetString());
        Assert.Equal("storage-Full", shown.GetProperty("labels").GetProperty("component").GetString());
        Assert.Equal("Disk on db-1 is full", shown.GetProperty("annotations").GetProperty("summary").GetString());
        Assert.Equal(firing.GeneratorUrl, shown.GetProperty("generatorURL").GetString());

        // Resolved: endsAt now; Alertmanager stops listing it as soon as endsAt has passed.
        notifier.Send([firing with { EndsAt = DateTimeOffset.UtcNow }]);
        var remaining = await alertmanager.WaitForAlertsAsync(a => a.GetArrayLength() == 0);
        Assert.Equal(0, remaining.GetArrayLength());
        Assert.Single(notifier.ActiveAlertmanagers);
        Assert.Equal("http://127.0.0.1:1/api/v2/alerts", Assert.Single(notifier.DroppedAlertmanagers).Url.AbsoluteUri);
    }

    [Fact]
    public async Task The_alertmanagers_api_of_argus_lists_active_and_dropped_alertmanagers_with_full_urls()
    {
        using var alertmanager = await AlertmanagerProcess.StartAsync(_dir);
        await File.WriteAllTextAsync(Path.Combine(_dir, "argus.yml"), $$"""
            scrape_configs: []
            alerting:
              alertmanagers:
                - path_prefix: /am
                  static_configs: [ { targets: ['{{alertmanager.Address}}', 'dropped.invalid:9093'] } ]
                  relabel_configs:
                    - { source_labels: [__address__], regex: 'dropped.*', action: drop }
            """);
        await using var argus = await ArgusProcess.StartAsync(_dir, "--config.file=argus.yml", "--storage.tsdb.path=argus-data");

        var body = await argus.Http.GetStringAsync("/api/v1/alertmanagers");

        using var doc = JsonDocument.Parse(body);
        var data = doc.RootElement.GetProperty("data");
        Assert.Equal([$"http://{alertmanager.Address}/am/api/v2/alerts"],
            data.GetProperty("activeAlertmanagers").EnumerateArray().Select(a => a.GetProperty("url").GetString()));
        Assert.Equal(["http://dropped.invalid:9093/am/api/v2/alerts"],
            data.GetProperty("droppedAlertmanagers").EnumerateArray().Select(a => a.GetProperty("url").GetString()));
        var metrics = await argus.Http.GetStringAsync("/metrics");
        Assert.Contains("prometheus_notifications_alertmanagers_discovered 1", metrics, StringComparison.Ordinal);
        Assert.Contains("prometheus_notifications_queue_capacity 10000", metrics, StringComparison.Ordinal);
    }

    /// <summary>Runs Debian's <c>amtool</c> against the Alertmanager with JSON output and returns what it printed.</summary>
    private static async Task<string> AmtoolAsync(string address, params string[] args)
    {
        var info = new System.Diagnostics.ProcessStartInfo("amtool")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { $"--alertmanager.url=http://{address}", "--output=json" }.Concat(args))
        {
            info.ArgumentList.Add(arg);
        }
        using var process = System.Diagnostics.Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"amtool failed: {await stderr}");
        return await stdout;
    }

    private static Dictionary<string, string> Strings(JsonElement map) =>
        map.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
}
