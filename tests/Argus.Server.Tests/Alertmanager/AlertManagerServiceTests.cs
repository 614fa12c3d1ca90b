using System.Net;
using System.Text;
using System.Text.Json;
using Argus.Alerting.Tests;
using Argus.Instrumentation.Metrics;
using Argus.Server.Alertmanager;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Argus.Server.Tests.Alertmanager;

/// <summary>
/// The whole alert manager service (stores, pipeline, dispatcher loop, API) on a manual clock, stopped and built
/// again from the same storage path in the middle of an escalation cycle.
/// </summary>
public sealed class AlertManagerServiceTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 3, 3, 9, 0, 0, TimeSpan.Zero);

    private const string Config = """
        route:
          receiver: primary
          group_by: [alertname]
          group_wait: 30s
          group_interval: 5m
          repeat_interval: 4h
          escalation:
            - {after: 15m, receiver: secondary}
        receivers: [{name: primary}, {name: secondary}]
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("argus-am-service-").FullName;
    private readonly ManualTimeProvider _time = new(Start);
    private readonly Dictionary<string, SharedRecordingNotifier> _receivers = new()
    {
        ["primary"] = new("primary"),
        ["secondary"] = new("secondary"),
    };
    private AlertManagerService? _service;
    private WebApplication? _app;
    private HttpClient? _client;

    public Task InitializeAsync()
    {
        File.WriteAllText(Path.Combine(_dir, "am.yml"), Config);
        return StartServiceAsync();
    }

    public async Task DisposeAsync()
    {
        await StopServiceAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private async Task StartServiceAsync()
    {
        _service = new AlertManagerService(new AlertManagerServiceOptions
        {
            ConfigFile = Path.Combine(_dir, "am.yml"),
            StoragePath = Path.Combine(_dir, "data"),
            ExternalUrl = new Uri("http://am.example:9093/"),
            Integrations = r => [_receivers[r.Name]],
            Registry = new MetricsRegistry(),
            LoggerFactory = NullLoggerFactory.Instance,
            Time = _time,
        });
        _service.Start();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseTestServer();
        _app = builder.Build();
        _service.Api.Map(_app);
        await _app.StartAsync();
        _client = _app.GetTestClient();
    }

    private async Task StopServiceAsync()
    {
        _client?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
        if (_service is not null)
        {
            await _service.DisposeAsync();
        }
        _service = null;
    }

    private async Task PostAlertsAsync(params string[] alertnames)
    {
        var body = "[" + string.Join(",", alertnames.Select(n =>
            $$"""{"labels":{"alertname":"{{n}}"},"startsAt":"2026-03-03T09:00:00Z","endsAt":"2026-03-04T09:00:00Z"}""")) + "]";
        var response = await _client!.PostAsync("/api/v2/alerts", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Moves the clock in 30-second steps to <paramref name="until"/> after <see cref="Start"/>, letting the
    /// dispatcher's loop run every flush that falls due on the way.</summary>
    private async Task RunUntilAsync(TimeSpan until)
    {
        var target = Start.UtcDateTime + until;
        while (_time.UtcNow < target)
        {
            var step = TimeSpan.FromSeconds(30) < target - _time.UtcNow ? TimeSpan.FromSeconds(30) : target - _time.UtcNow;
            _time.Advance(step);
            await WaitAsync(() => _service!.Dispatcher!.NextFlush is not { } next || next > _time.UtcNow, "the dispatcher to catch up");
        }
    }

    private static async Task WaitAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for " + what);
            await Task.Delay(5);
        }
    }

    private List<string> Sent(string receiver) =>
        _receivers[receiver].Sent.Select(r => r.GroupLabels.Get("alertname") + "@" + (r.Now - Start.UtcDateTime).TotalMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture)).Order(StringComparer.Ordinal).ToList();

    private async Task<JsonElement> GroupAsync(string alertname)
    {
        var groups = JsonDocument.Parse(await _client!.GetStringAsync("/api/v2/alerts/groups")).RootElement;
        return groups.EnumerateArray().Single(g => g.GetProperty("labels").GetProperty("alertname").GetString() == alertname).Clone();
    }

    [Fact]
    public async Task A_restart_mid_cycle_sends_nothing_twice_and_keeps_acknowledgements_and_silences()
    {
        await PostAlertsAsync("DiskFull", "CpuHot", "Muted");
        var silence = await _client!.PostAsync("/api/v2/silences", new StringContent("""
            {"matchers":[{"name":"alertname","value":"Muted","isRegex":false}],"startsAt":"2026-03-03T09:00:00Z","endsAt":"2026-03-03T12:00:00Z","createdBy":"carol","comment":"maintenance"}
            """, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, silence.StatusCode);
        await RunUntilAsync(TimeSpan.FromMinutes(1));
        await WaitAsync(() => Sent("primary").Count == 2, "the first notifications");
        Assert.Equal(["CpuHot@0.5", "DiskFull@0.5"], Sent("primary"));

        var id = (await GroupAsync("DiskFull")).GetProperty("id").GetString();
        var ack = await _client!.PostAsync($"/api/v2/alerts/groups/{id}/acknowledge", new StringContent("""{"acknowledgedBy":"alice","comment":"on it"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        await RunUntilAsync(TimeSpan.FromMinutes(10));

        // Restart: everything in memory is gone (alerts too); the sender re-sends its alerts.
        await StopServiceAsync();
        await StartServiceAsync();
        await PostAlertsAsync("DiskFull", "CpuHot", "Muted");
        await RunUntilAsync(TimeSpan.FromMinutes(20));
        await WaitAsync(() => Sent("secondary").Count == 1, "the escalation step");

        // CpuHot escalated once, at its time; DiskFull is still acknowledged; nobody heard anything twice.
        Assert.Equal(["CpuHot@15.5"], Sent("secondary"));
        Assert.Equal(["CpuHot@0.5", "DiskFull@0.5"], Sent("primary"));
        var disk = await GroupAsync("DiskFull");
        Assert.Equal("alice", disk.GetProperty("acknowledgement").GetProperty("acknowledgedBy").GetString());
        Assert.Equal(id, disk.GetProperty("id").GetString());
        var cpu = (await GroupAsync("CpuHot")).GetProperty("escalation");
        Assert.Equal(1, cpu.GetProperty("step").GetInt32());
        Assert.Equal(["primary", "secondary"], cpu.GetProperty("notified").EnumerateArray().Select(r => r.GetString()));
        var silences = JsonDocument.Parse(await _client!.GetStringAsync("/api/v2/silences")).RootElement;
        Assert.Equal("maintenance", Assert.Single(silences.EnumerateArray()).GetProperty("comment").GetString());
        Assert.DoesNotContain(Sent("primary"), s => s.StartsWith("Muted", StringComparison.Ordinal));

        // The history kept what happened before the restart, and the sweep recorded the silencing.
        await _service!.SweepAsync(CancellationToken.None);
        var history = JsonDocument.Parse(await _client!.GetStringAsync("/api/v2/history?filter=" + Uri.EscapeDataString("alertname=~\"DiskFull|Muted\""))).RootElement;
        var events = history.EnumerateArray().Select(e => e.GetProperty("labels").GetProperty("alertname").GetString() + ":" + e.GetProperty("event").GetString()).ToList();
        Assert.Contains("DiskFull:acknowledged", events);
        Assert.Contains("DiskFull:notified", events);
        Assert.Contains("Muted:silenced", events);
        Assert.Contains("Muted:silence_created", events);
        Assert.Equal(1, events.Count(e => e == "DiskFull:firing"));
    }
}
