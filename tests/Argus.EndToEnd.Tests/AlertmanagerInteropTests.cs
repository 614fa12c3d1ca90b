using System.Net;
using System.Text.Json;

namespace Argus.EndToEnd.Tests;

/// <summary>
/// <c>argus alertmanager</c> against real peers from Debian: <c>amtool</c> 0.25 manages alerts, silences and
/// the configuration through API v2, and a real <c>prometheus</c> delivers its firing alerts to it.
/// </summary>
public sealed class AlertmanagerInteropTests : IDisposable
{
    private const string Config = """
        route:
          receiver: default
          group_by: [alertname]
          group_wait: 1s
          routes:
            - matchers: ['team="db"']
              receiver: db
        inhibit_rules:
          - source_matchers: ['severity="critical"']
            target_matchers: ['severity="warning"']
            equal: [cluster]
        receivers:
          - name: default
          - name: db
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("argus-e2e-am-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task<ArgusProcess> StartAlertmanagerAsync(string config = Config)
    {
        await File.WriteAllTextAsync(Path.Combine(_dir, "am.yml"), config);
        return await ArgusProcess.StartAsync(_dir, "alertmanager", "--config.file=am.yml", "--storage.path=am-data", "--cluster.listen-address=");
    }

    private async Task<string> AmtoolAsync(ArgusProcess argus, params string[] args)
    {
        var (exit, stdout, stderr) = await CliProcess.RunProgramAsync("amtool", _dir, [$"--alertmanager.url={argus.Http.BaseAddress}", .. args]);
        Assert.True(exit == 0, $"amtool {string.Join(' ', args)} exited {exit}: {stderr}");
        return stdout;
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [Fact]
    public async Task Amtool_adds_and_queries_alerts_and_sees_inhibition()
    {
        await using var argus = await StartAlertmanagerAsync();
        await AmtoolAsync(argus, "alert", "add", "alertname=DiskFull", "team=db", "severity=warning", "cluster=us", "--annotation=summary=disk is full");
        await AmtoolAsync(argus, "alert", "add", "alertname=NodeDown", "severity=critical", "cluster=eu");
        await AmtoolAsync(argus, "alert", "add", "alertname=Latency", "severity=warning", "cluster=eu");

        var all = Lines(await AmtoolAsync(argus, "alert", "query"));
        Assert.Equal(["Alertname", "Starts", "At", "Summary", "State"], all[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["DiskFull", "NodeDown"], all.Skip(1).Select(l => l.Split(' ')[0]).Order(StringComparer.Ordinal));
        Assert.Contains("disk is full", all.Single(l => l.StartsWith("DiskFull", StringComparison.Ordinal)), StringComparison.Ordinal);

        var filtered = Lines(await AmtoolAsync(argus, "alert", "query", "severity=~warn.*"));
        Assert.Equal("DiskFull", Assert.Single(filtered.Skip(1)).Split(' ')[0]);

        var inhibited = Lines(await AmtoolAsync(argus, "alert", "query", "-i"));
        var latency = Assert.Single(inhibited.Skip(1));
        Assert.StartsWith("Latency", latency, StringComparison.Ordinal);
        Assert.EndsWith("suppressed", latency, StringComparison.Ordinal);

        // The API says who inhibits it: the NodeDown alert's fingerprint.
        using var alerts = JsonDocument.Parse(await argus.Http.GetStringAsync("/api/v2/alerts?filter=alertname%3D%22NodeDown%22"));
        var nodeDown = alerts.RootElement[0].GetProperty("fingerprint").GetString();
        using var latencyJson = JsonDocument.Parse(await argus.Http.GetStringAsync("/api/v2/alerts?inhibited=true&filter=alertname%3D%22Latency%22"));
        var status = latencyJson.RootElement[0].GetProperty("status");
        Assert.Equal("suppressed", status.GetProperty("state").GetString());
        Assert.Equal(nodeDown, status.GetProperty("inhibitedBy")[0].GetString());
        Assert.Equal(1, latencyJson.RootElement.GetArrayLength());

        // Groups come from the dispatcher: one per alertname, DiskFull under the db receiver; the groups
        // endpoint lists inhibited alerts unless asked not to.
        using var groups = JsonDocument.Parse(await argus.Http.GetStringAsync("/api/v2/alerts/groups"));
        var receivers = groups.RootElement.EnumerateArray()
            .Select(g => g.GetProperty("labels").GetProperty("alertname").GetString() + "->" + g.GetProperty("receiver").GetProperty("name").GetString())
            .Order(StringComparer.Ordinal);
        Assert.Equal(["DiskFull->db", "Latency->default", "NodeDown->default"], receivers);
    }

    [Fact]
    public async Task Amtool_adds_queries_expires_and_imports_silences()
    {
        await using var argus = await StartAlertmanagerAsync();
        await AmtoolAsync(argus, "alert", "add", "alertname=DiskFull", "team=db");
        var id = (await AmtoolAsync(argus, "silence", "add", "alertname=DiskFull", "--comment=maintenance window", "--author=tester", "--duration=2h")).Trim();
        Assert.True(Guid.TryParse(id, out _), id);

        var query = Lines(await AmtoolAsync(argus, "silence", "query"));
        Assert.StartsWith("ID", query[0], StringComparison.Ordinal);
        var row = Assert.Single(query.Skip(1));
        Assert.StartsWith(id, row, StringComparison.Ordinal);
        Assert.Contains("alertname=\"DiskFull\"", row, StringComparison.Ordinal);
        Assert.Contains("tester", row, StringComparison.Ordinal);
        Assert.Contains("maintenance window", row, StringComparison.Ordinal);
        Assert.Equal(id, (await AmtoolAsync(argus, "silence", "query", "-q")).Trim());

        // Silenced alerts leave the default query and show with -s.
        Assert.Single(Lines(await AmtoolAsync(argus, "alert", "query")));
        Assert.StartsWith("DiskFull", Lines(await AmtoolAsync(argus, "alert", "query", "-s"))[1], StringComparison.Ordinal);

        var exported = await AmtoolAsync(argus, "silence", "query", "-o", "json");
        await File.WriteAllTextAsync(Path.Combine(_dir, "silences.json"), exported);
        await AmtoolAsync(argus, "silence", "expire", id);
        Assert.Empty(Lines(await AmtoolAsync(argus, "silence", "query", "-q")));
        Assert.Contains(id, await AmtoolAsync(argus, "silence", "query", "--expired", "-q"), StringComparison.Ordinal);

        await AmtoolAsync(argus, "silence", "import", "silences.json");
        var imported = Lines(await AmtoolAsync(argus, "silence", "query"));
        var importedRow = Assert.Single(imported.Skip(1));
        Assert.Contains("maintenance window", importedRow, StringComparison.Ordinal);
        Assert.DoesNotContain(id, importedRow, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Amtool_shows_and_tests_the_configuration_and_a_bad_reload_keeps_it()
    {
        await using var argus = await StartAlertmanagerAsync();
        var shown = await AmtoolAsync(argus, "config", "show");
        Assert.Contains("receiver: db", shown, StringComparison.Ordinal);
        Assert.Equal("db", (await AmtoolAsync(argus, "config", "routes", "test", "team=db")).Trim());
        Assert.Equal("default", (await AmtoolAsync(argus, "config", "routes", "test", "team=web")).Trim());
        var (exit, _, _) = await CliProcess.RunProgramAsync("amtool", _dir, $"--alertmanager.url={argus.Http.BaseAddress}", "config", "routes", "test", "--verify.receivers=default", "team=db");
        Assert.Equal(1, exit);

        await File.WriteAllTextAsync(Path.Combine(_dir, "am.yml"), Config + "\nbogus: 1\n");
        var reload = await argus.Http.PostAsync("/-/reload", null);
        Assert.Equal(HttpStatusCode.InternalServerError, reload.StatusCode);
        Assert.Contains("am.yml:15:1: field bogus not found", await reload.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("db", (await AmtoolAsync(argus, "config", "routes", "test", "team=db")).Trim());

        await File.WriteAllTextAsync(Path.Combine(_dir, "am.yml"), Config.Replace("receiver: db\n", "receiver: default\n", StringComparison.Ordinal));
        argus.Signal("HUP");
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await AmtoolAsync(argus, "config", "routes", "test", "team=db")).Trim() != "default")
        {
            Assert.True(DateTime.UtcNow < deadline, "SIGHUP did not reload the configuration");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task A_silence_survives_kill_9()
    {
        string id;
        await using (var argus = await StartAlertmanagerAsync())
        {
            id = (await AmtoolAsync(argus, "silence", "add", "alertname=Any", "--comment=keep me", "--author=tester")).Trim();
            argus.Signal("KILL");
            await argus.WaitForExitAsync(TimeSpan.FromSeconds(20));
        }
        await using var restarted = await StartAlertmanagerAsync();
        Assert.Equal(id, (await AmtoolAsync(restarted, "silence", "query", "-q")).Trim());
    }

    [Fact]
    public async Task Prometheus_delivers_its_firing_alert_to_argus_alertmanager()
    {
        await using var argus = await StartAlertmanagerAsync();
        await File.WriteAllTextAsync(Path.Combine(_dir, "rules.yml"), """
            groups:
              - name: interop
                interval: 1s
                rules:
                  - alert: AlwaysFiring
                    expr: vector(1)
                    labels:
                      team: db
                    annotations:
                      summary: fires from the start
            """);
        await File.WriteAllTextAsync(Path.Combine(_dir, "prometheus.yml"), $$"""
            global:
              evaluation_interval: 1s
            rule_files: [rules.yml]
            alerting:
              alertmanagers:
                - api_version: v2
                  static_configs:
                    - targets: ['{{argus.Http.BaseAddress!.Authority}}']
            """);
        // Prometheus drops alerts sent before it has discovered the alert manager and resends only after the
        // resend delay (1m by default); a short delay keeps the test short.
        using var prometheus = PrometheusPeer.StartWithConfig(_dir, LoopbackPort.Free(), "--rules.alert.resend-delay=1s");
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (true)
            {
                Assert.False(prometheus.HasExited, "prometheus exited early");
                using var alerts = JsonDocument.Parse(await argus.Http.GetStringAsync("/api/v2/alerts?filter=alertname%3D%22AlwaysFiring%22"));
                if (alerts.RootElement.GetArrayLength() == 1)
                {
                    var alert = alerts.RootElement[0];
                    Assert.Equal("db", alert.GetProperty("labels").GetProperty("team").GetString());
                    Assert.Equal("fires from the start", alert.GetProperty("annotations").GetProperty("summary").GetString());
                    Assert.Equal("db", alert.GetProperty("receivers")[0].GetProperty("name").GetString());
                    Assert.Contains("/graph?g0.expr=vector", alert.GetProperty("generatorURL").GetString(), StringComparison.Ordinal);
                    break;
                }
                Assert.True(DateTime.UtcNow < deadline, "the alert did not arrive");
                await Task.Delay(200);
            }
            var metrics = await argus.WaitForMetricsAsync(m => m.Contains("alertmanager_dispatcher_aggregation_groups 1", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
            Assert.Contains("alertmanager_alerts{state=\"active\"} 1", metrics, StringComparison.Ordinal);
        }
        finally
        {
            prometheus.Kill(entireProcessTree: true);
            await prometheus.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task Argus_server_serves_the_embedded_alert_manager_on_its_own_port()
    {
        await File.WriteAllTextAsync(Path.Combine(_dir, "am.yml"), Config);
        await File.WriteAllTextAsync(Path.Combine(_dir, "argus.yml"), "scrape_configs: []\n");
        await using var argus = await ArgusProcess.StartAsync(_dir, "--config.file=argus.yml", "--storage.tsdb.path=data", "--alertmanager.config.file=am.yml");
        await AmtoolAsync(argus, "alert", "add", "alertname=Embedded", "team=db");
        var rows = Lines(await AmtoolAsync(argus, "alert", "query"));
        Assert.StartsWith("Embedded", Assert.Single(rows.Skip(1)), StringComparison.Ordinal);
        Assert.Equal("db", (await AmtoolAsync(argus, "config", "routes", "test", "team=db")).Trim());
        Assert.True(File.Exists(Path.Combine(_dir, "data", "alertmanager", "silences.log")));
    }
}
