using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Argus.EndToEnd.Tests;

/// <summary>
/// Escalation and acknowledgement in the real <c>argus alertmanager</c>: a webhook receiver on 127.0.0.1 plays the
/// primary and the secondary on-call; an unacknowledged group escalates to the secondary, one acknowledged through
/// the API does not, and after <c>kill -9</c> and a restart the acknowledgement is still there, nothing is sent twice,
/// and a signed link from before the restart still works. amtool reads the configuration despite the extension.
/// </summary>
public sealed class EscalationTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("argus-e2e-escalation-").FullName;
    private readonly ConcurrentQueue<(string Receiver, JsonElement Body)> _received = new();
    private WebApplication? _webhook;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseSetting("urls", "http://127.0.0.1:0");
        _webhook = builder.Build();
        _webhook.MapPost("/{receiver}", async context =>
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body);
            _received.Enqueue(((string)context.Request.RouteValues["receiver"]!, body.RootElement.Clone()));
            context.Response.StatusCode = StatusCodes.Status200OK;
        });
        await _webhook.StartAsync();
        await File.WriteAllTextAsync(Path.Combine(_dir, "am.yml"), $$"""
            route:
              receiver: primary
              group_by: [alertname]
              group_wait: 1s
              group_interval: 3s
              repeat_interval: 1h
              escalation:
                - after: 8s
                  receiver: secondary
            receivers:
              - name: primary
                webhook_configs: [{url: "{{_webhook.Urls.First()}}/primary", send_resolved: true}]
              - name: secondary
                webhook_configs: [{url: "{{_webhook.Urls.First()}}/secondary", send_resolved: true}]
            """);
    }

    public async Task DisposeAsync()
    {
        if (_webhook is not null)
        {
            await _webhook.DisposeAsync();
        }
        Directory.Delete(_dir, recursive: true);
    }

    private Task<ArgusProcess> StartAsync() =>
        ArgusProcess.StartAsync(_dir, "alertmanager", "--config.file=am.yml", "--storage.path=am-data", "--web.external-url=http://127.0.0.1:9/am/", "--web.route-prefix=/");

    private static async Task PostAlertsAsync(ArgusProcess argus)
    {
        var response = await argus.Http.PostAsync("/api/v2/alerts", new StringContent("""
            [{"labels":{"alertname":"DiskFull","severity":"critical"},"startsAt":"2026-01-01T00:00:00Z"},
             {"labels":{"alertname":"CpuHot","severity":"critical"},"startsAt":"2026-01-01T00:00:00Z"}]
            """, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private List<string> Received(string receiver) =>
        _received.Where(r => r.Receiver == receiver).Select(r => r.Body.GetProperty("groupLabels").GetProperty("alertname").GetString() + ":" + r.Body.GetProperty("status").GetString()).ToList();

    private static async Task WaitAsync(Func<bool> condition, string what, ArgusProcess argus, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"waited {seconds} s for {what}; argus said:\n" + string.Join("\n", argus.StderrLines.TakeLast(30)));
            }
            await Task.Delay(100);
        }
    }

    private static async Task<JsonElement> GroupAsync(ArgusProcess argus, string alertname)
    {
        var groups = JsonDocument.Parse(await argus.Http.GetStringAsync("/api/v2/alerts/groups")).RootElement;
        return groups.EnumerateArray().Single(g => g.GetProperty("labels").GetProperty("alertname").GetString() == alertname).Clone();
    }

    [Fact]
    public async Task An_unacknowledged_group_escalates_an_acknowledged_one_does_not_and_kill_9_keeps_the_acknowledgement()
    {
        string cpuLink;
        string diskId;
        await using (var argus = await StartAsync())
        {
            // amtool parses the configuration it reads back strictly; the API shows it without Argus's extensions.
            var (exit, routes, stderr) = await CliProcess.RunProgramAsync("amtool", _dir, $"--alertmanager.url={argus.Http.BaseAddress}", "config", "routes", "test", "alertname=DiskFull");
            Assert.True(exit == 0, stderr);
            Assert.Equal("primary", routes.Trim());

            await PostAlertsAsync(argus);
            await WaitAsync(() => Received("primary").Count == 2, "the first notifications", argus);
            diskId = (await GroupAsync(argus, "DiskFull")).GetProperty("id").GetString()!;
            var ack = await argus.Http.PostAsync($"/api/v2/alerts/groups/{diskId}/acknowledge",
                new StringContent("""{"acknowledgedBy":"alice","comment":"on it"}""", Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, ack.StatusCode);

            await WaitAsync(() => Received("secondary").Count > 0, "the escalation step", argus);
            await Task.Delay(TimeSpan.FromSeconds(3));
            Assert.Equal(["CpuHot:firing"], Received("secondary"));
            var cpu = await GroupAsync(argus, "CpuHot");
            Assert.Equal(1, cpu.GetProperty("escalation").GetProperty("step").GetInt32());
            Assert.Equal(["primary", "secondary"], cpu.GetProperty("escalation").GetProperty("notified").EnumerateArray().Select(r => r.GetString()));
            var disk = await GroupAsync(argus, "DiskFull");
            Assert.Equal("alice", disk.GetProperty("acknowledgement").GetProperty("acknowledgedBy").GetString());
            Assert.Equal(0, disk.GetProperty("escalation").GetProperty("step").GetInt32());

            // Every firing notification carries the signed link, under the external URL.
            var cpuNotification = _received.First(r => r.Receiver == "primary" && r.Body.GetProperty("groupLabels").GetProperty("alertname").GetString() == "CpuHot").Body;
            cpuLink = cpuNotification.GetProperty("ackURL").GetString()!;
            Assert.StartsWith("http://127.0.0.1:9/am/api/v2/acknowledge?token=", cpuLink, StringComparison.Ordinal);

            argus.Signal("KILL");
            await argus.WaitForExitAsync(TimeSpan.FromSeconds(20));
        }

        var before = _received.Count;
        await using var restarted = await StartAsync();
        // Alerts live in memory only; the sender re-sends them, as Prometheus does.
        await PostAlertsAsync(restarted);
        var kept = await GroupAsync(restarted, "DiskFull");
        Assert.Equal(diskId, kept.GetProperty("id").GetString());
        Assert.Equal("alice", kept.GetProperty("acknowledgement").GetProperty("acknowledgedBy").GetString());
        Assert.Equal("on it", kept.GetProperty("acknowledgement").GetProperty("comment").GetString());
        // Past the escalation delay again, with flushes every 3 seconds: nothing goes out twice, nothing escalates.
        await Task.Delay(TimeSpan.FromSeconds(10));
        Assert.Equal(before, _received.Count);

        // The link from before the crash is still signed with the persisted key: the page opens, the form acknowledges.
        var path = new Uri(cpuLink).PathAndQuery[3..];
        var page = await restarted.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("CpuHot", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var confirm = await restarted.Http.PostAsync(path, new FormUrlEncodedContent([new("acknowledgedBy", "bob")]));
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        Assert.Equal("bob", (await GroupAsync(restarted, "CpuHot")).GetProperty("acknowledgement").GetProperty("acknowledgedBy").GetString());

        var history = JsonDocument.Parse(await restarted.Http.GetStringAsync("/api/v2/history?filter=alertname%3D%22CpuHot%22")).RootElement;
        var events = history.EnumerateArray().Select(e => e.GetProperty("event").GetString()).ToList();
        Assert.Equal("acknowledged", events[0]);
        Assert.Contains("escalated", events);
        Assert.Contains("notified", events);
        Assert.Equal("firing", events[^1]);
    }

    private async Task<string> AmtoolAsync(ArgusProcess argus, params string[] args)
    {
        var (exit, stdout, stderr) = await CliProcess.RunProgramAsync("amtool", _dir, [$"--alertmanager.url={argus.Http.BaseAddress}", .. args]);
        Assert.True(exit == 0, $"amtool {string.Join(' ', args)} exited {exit}: {stderr}");
        return stdout;
    }

    [Fact]
    public async Task Amtool_acknowledges_with_an_ack_silence_and_sets_expire_on_resolve_with_a_comment_tag()
    {
        await using var argus = await StartAsync();
        await PostAlertsAsync(argus);
        await WaitAsync(() => Received("primary").Count == 2, "the first notifications", argus);

        var id = (await AmtoolAsync(argus, "silence", "add", "alertname=DiskFull", "--author=carol", "--comment=ack: replacing the disk", "--duration=2h")).Trim();
        await WaitAsync(() => GroupAsync(argus, "DiskFull").Result.GetProperty("acknowledgement").ValueKind == JsonValueKind.Object, "the acknowledgement", argus, 20);
        var ack = (await GroupAsync(argus, "DiskFull")).GetProperty("acknowledgement");
        Assert.Equal(("carol", "replacing the disk"), (ack.GetProperty("acknowledgedBy").GetString(), ack.GetProperty("comment").GetString()));
        // It acknowledges, it does not mute: amtool still lists the alert as active.
        Assert.Contains("DiskFull", await AmtoolAsync(argus, "alert", "query", "alertname=DiskFull"), StringComparison.Ordinal);
        await WaitAsync(() => Received("secondary").Count > 0, "the escalation of the other group", argus);
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(["CpuHot:firing"], Received("secondary"));
        await AmtoolAsync(argus, "silence", "expire", id);
        await WaitAsync(() => GroupAsync(argus, "DiskFull").Result.GetProperty("acknowledgement").ValueKind == JsonValueKind.Null, "the acknowledgement to end", argus, 20);

        var deploy = (await AmtoolAsync(argus, "silence", "add", "alertname=CpuHot", "--comment=rollout [expire-on-resolve]", "--duration=6h")).Trim();
        using (var silence = JsonDocument.Parse(await argus.Http.GetStringAsync("/api/v2/silence/" + deploy)))
        {
            Assert.True(silence.RootElement.GetProperty("expireOnResolve").GetBoolean());
        }
        var ended = DateTime.UtcNow.AddSeconds(-1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var resolve = await argus.Http.PostAsync("/api/v2/alerts", new StringContent(
            "[{\"labels\":{\"alertname\":\"CpuHot\",\"severity\":\"critical\"},\"startsAt\":\"2026-01-01T00:00:00Z\",\"endsAt\":\"" + ended + "\"}]",
            Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, resolve.StatusCode);
        await WaitAsync(() => AmtoolAsync(argus, "silence", "query", "--expired", "-q").Result.Contains(deploy, StringComparison.Ordinal), "the silence to expire on resolution", argus, 30);
    }
}
