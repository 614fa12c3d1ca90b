using System.Net;
using System.Text.Json;

namespace Argus.EndToEnd.Tests;

/// <summary>The real server evaluating rule files: alerts in <c>/api/v1/alerts</c>, groups in
/// <c>/api/v1/rules</c>, <c>ALERTS</c> and recorded series queryable, a broken rule file rejected on reload.</summary>
public sealed class RuleServerTests : IDisposable
{
    private const string Rules = """
        groups:
          - name: demo
            interval: 1s
            rules:
              - record: demo:answer
                expr: vector(42)
              - alert: AnswerKnown
                expr: demo:answer > 40
                labels: { severity: page }
                annotations: { summary: "the answer is {{ $value }}" }
              - alert: AnswerStillPending
                expr: demo:answer > 0
                for: 1h
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("argus-e2e-rules-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_firing_alert_shows_in_the_alerts_api_and_as_the_ALERTS_seriesAsync()
    {
        await File.WriteAllTextAsync(Path.Combine(_dir, "argus.yml"), "global:\n  evaluation_interval: 1s\nrule_files: [rules/*.yml]\nscrape_configs: []\n");
        Directory.CreateDirectory(Path.Combine(_dir, "rules"));
        await File.WriteAllTextAsync(Path.Combine(_dir, "rules", "demo.yml"), Rules);
        await using var argus = await ArgusProcess.StartAsync(_dir,
            "--config.file=argus.yml", "--storage.tsdb.path=data", "--web.enable-lifecycle");

        var alerts = await QueryApi.WaitForAsync(argus.Http, "ALERTS", r => r.GetArrayLength() == 2);
        var states = alerts.EnumerateArray().ToDictionary(
            a => a.GetProperty("metric").GetProperty("alertname").GetString()!,
            a => a.GetProperty("metric").GetProperty("alertstate").GetString());
        Assert.Equal("firing", states["AnswerKnown"]);
        Assert.Equal("pending", states["AnswerStillPending"]);
        var recorded = await QueryApi.QueryAsync(argus.Http, "demo:answer");
        Assert.Equal("42", Assert.Single(recorded.EnumerateArray()).GetProperty("value")[1].GetString());

        using (var doc = JsonDocument.Parse(await argus.Http.GetStringAsync("/api/v1/alerts")))
        {
            var firing = doc.RootElement.GetProperty("data").GetProperty("alerts").EnumerateArray()
                .Single(a => a.GetProperty("labels").GetProperty("alertname").GetString() == "AnswerKnown");
            Assert.Equal("firing", firing.GetProperty("state").GetString());
            Assert.Equal("page", firing.GetProperty("labels").GetProperty("severity").GetString());
            Assert.Equal("the answer is 42", firing.GetProperty("annotations").GetProperty("summary").GetString());
        }
        using (var doc = JsonDocument.Parse(await argus.Http.GetStringAsync("/api/v1/rules")))
        {
            var group = Assert.Single(doc.RootElement.GetProperty("data").GetProperty("groups").EnumerateArray());
            Assert.Equal("demo", group.GetProperty("name").GetString());
            Assert.EndsWith("demo.yml", group.GetProperty("file").GetString(), StringComparison.Ordinal);
            var rules = group.GetProperty("rules").EnumerateArray().ToList();
            Assert.Equal(3, rules.Count);
            Assert.All(rules, r => Assert.Equal("ok", r.GetProperty("health").GetString()));
        }

        // A broken rule file fails the reload and the running rules stay.
        await File.WriteAllTextAsync(Path.Combine(_dir, "rules", "demo.yml"), "groups:\n  - name: demo\n    rules:\n      - record: x\n        expr: 'sum('\n");
        var reload = await argus.Http.PostAsync("/-/reload", null);
        Assert.Equal(HttpStatusCode.InternalServerError, reload.StatusCode);
        Assert.Contains("demo.yml:5", await reload.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using (var doc = JsonDocument.Parse(await argus.Http.GetStringAsync("/api/v1/rules")))
        {
            var group = Assert.Single(doc.RootElement.GetProperty("data").GetProperty("groups").EnumerateArray());
            Assert.Equal(3, group.GetProperty("rules").GetArrayLength());
        }
        var metrics = await argus.Http.GetStringAsync("/metrics");
        Assert.Contains("argus_rule_group_iterations_total{rule_group=", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pending_alert_keeps_its_pending_time_across_a_restartAsync()
    {
        await File.WriteAllTextAsync(Path.Combine(_dir, "argus.yml"), "global:\n  evaluation_interval: 1s\nrule_files: [held.yml]\nscrape_configs: []\n");
        await File.WriteAllTextAsync(Path.Combine(_dir, "held.yml"), "groups:\n  - name: held\n    rules:\n      - alert: Held\n        expr: vector(1)\n        for: 1h\n");
        string[] args = ["--config.file=argus.yml", "--storage.tsdb.path=data", "--rules.alert.for-grace-period=1s"];
        DateTimeOffset firstActiveAt;
        await using (var argus = await ArgusProcess.StartAsync(_dir, args))
        {
            var forState = await QueryApi.WaitForAsync(argus.Http, "ALERTS_FOR_STATE{alertname=\"Held\"}", r => r.GetArrayLength() == 1);
            var seconds = double.Parse(forState[0].GetProperty("value")[1].GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            firstActiveAt = DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Floor(seconds) * 1000);
            // Let the alert be pending for a while, so the restored start is clearly before the restart even when
            // the restart and the two evaluations before the restore are slow (a loaded CI machine).
            await Task.Delay(TimeSpan.FromSeconds(10));
        }
        var restartedAt = DateTimeOffset.UtcNow;
        await using (var argus = await ArgusProcess.StartAsync(_dir, args))
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            DateTimeOffset? activeAt = null;
            while (DateTime.UtcNow < deadline)
            {
                using var doc = JsonDocument.Parse(await argus.Http.GetStringAsync("/api/v1/alerts"));
                var held = doc.RootElement.GetProperty("data").GetProperty("alerts").EnumerateArray()
                    .Where(a => a.GetProperty("labels").GetProperty("alertname").GetString() == "Held").ToList();
                activeAt = held.Count == 1 ? DateTimeOffset.Parse(held[0].GetProperty("activeAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture) : null;
                if (activeAt < restartedAt)
                {
                    break;
                }
                await Task.Delay(200);
            }
            // Restored: the pending time before the restart counts, the outage does not (the start moves
            // forward by the downtime, so it lies between the first start and the restart). A fresh alert
            // starts at an evaluation of the new process, never before the restart; the restored start is
            // before it as long as the outage is shorter than the time pending before it.
            Assert.NotNull(activeAt);
            Assert.True(activeAt < restartedAt, $"activeAt {activeAt:O} not restored (restart at {restartedAt:O}, first start {firstActiveAt:O})");
            Assert.True(activeAt >= firstActiveAt, $"activeAt {activeAt:O} before the first start {firstActiveAt:O}");
        }
    }
}
