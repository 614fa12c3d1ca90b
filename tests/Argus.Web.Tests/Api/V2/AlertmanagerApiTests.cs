using System.Net;
using System.Text;
using System.Text.Json;
using Argus.Alerting.Alerts;
using Argus.Alerting.Config;
using Argus.Alerting.Silences;
using Argus.Web.Api.V2;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;

namespace Argus.Web.Tests.Api.V2;

public sealed class AlertmanagerApiTests : IAsyncLifetime
{
    private static readonly DateTime Now = new(2026, 11, 22, 2, 48, 47, 603, DateTimeKind.Utc);
    private static readonly DateTime SilenceTime = new(2026, 11, 22, 2, 48, 51, 657, DateTimeKind.Utc);
    private DateTime _now = Now;
    private readonly AlertStore _alerts = new();
    private readonly SilenceStore _silences;
    private readonly AlertmanagerConfig _config;
    private WebApplication? _app;
    private HttpClient? _client;

    public AlertmanagerApiTests()
    {
        _silences = SilenceStore.Open(new SilenceStoreOptions { UtcNow = () => _now });
        _config = AlertmanagerConfigLoader.LoadFile(Path.Combine(SamplesDirectory, "alertmanager.yml"));
    }

    private static string SamplesDirectory
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Argus.slnx")))
            {
                dir = dir.Parent;
            }
            Assert.NotNull(dir);
            return Path.Combine(dir.FullName, "..", "shared", "conformance", "alertmanager", "samples-am-0.25");
        }
    }

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        _app = builder.Build();
        var api = new AlertmanagerApi(new AlertmanagerApiSources
        {
            Alerts = _alerts,
            Silences = _silences,
            Config = () => _config,
            UtcNow = () => _now,
            StartTime = Now,
        });
        api.Map(_app);
        await _app.StartAsync();
        _client = _app.GetTestClient();
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
        _silences.Dispose();
    }

    private async Task<HttpResponseMessage> PostAsync(string path, string json) =>
        await _client!.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    private Task<HttpResponseMessage> PostSampleAlertsAsync() => PostAsync("/api/v2/alerts", """
        [{"labels":{"alertname":"HighLatency","instance":"10.0.0.1:9100","job":"api","severity":"page"},
          "annotations":{"summary":"High latency on 10.0.0.1:9100"},"startsAt":"2026-11-22T02:48:47Z",
          "generatorURL":"http://prometheus.example/graph?g0.expr=latency%3E1"},
         {"labels":{"alertname":"HighLatency","instance":"10.0.0.2:9100","job":"api","severity":"page","empty":""},
          "annotations":{"summary":"High latency on 10.0.0.2:9100"},"startsAt":"2026-11-22T02:48:47Z"}]
        """);

    private static string Canonical(string json) => JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement);

    private static string Sample(string name) => Canonical(File.ReadAllText(Path.Combine(SamplesDirectory, name)));

    [Fact]
    public async Task PostedAlertsListExactlyAsAlertmanager025ListsThemAsync()
    {
        Assert.Equal(HttpStatusCode.OK, (await PostSampleAlertsAsync()).StatusCode);
        var body = await _client!.GetStringAsync("/api/v2/alerts");
        Assert.Equal(Sample("api-v2-get-alerts.json"), Canonical(body));
    }

    [Fact]
    public async Task GroupsMatchTheSampleAsync()
    {
        await PostSampleAlertsAsync();
        var groups = System.Text.Json.Nodes.JsonNode.Parse(await _client!.GetStringAsync("/api/v2/alerts/groups"))!.AsArray();
        foreach (var group in groups)
        {
            // Argus's own fields (which amtool ignores) come after Alertmanager's; the rest is byte for byte the sample.
            var obj = group!.AsObject();
            var key = "{}:" + Argus.Model.Labels.LabelSet.FromPairs(obj["labels"]!.AsObject().SelectMany(p => new[] { p.Key, (string)p.Value! }).ToArray());
            Assert.Equal(Argus.Alerting.Groups.GroupId.Of(key), (string?)obj["id"]);
            Assert.Null(obj["acknowledgement"]);
            Assert.Null(obj["escalation"]);
            Assert.Equal(["alerts", "labels", "receiver", "id", "acknowledgement", "escalation"], obj.Select(p => p.Key));
            obj.Remove("id");
            obj.Remove("acknowledgement");
            obj.Remove("escalation");
        }
        Assert.Equal(Sample("api-v2-get-groups.json"), Canonical(groups.ToJsonString()));
    }

    [Fact]
    public async Task SilencedAlertIsSuppressedAndFilteredByTheSilencedFlagAsync()
    {
        await PostSampleAlertsAsync();
        _now = SilenceTime;
        var response = await PostAsync("/api/v2/silences", """
            {"matchers":[{"name":"instance","value":"10.0.0.2:9100","isRegex":false,"isEqual":true}],
             "startsAt":"2026-11-22T02:48:51.657Z","endsAt":"2099-01-01T00:00:00Z","createdBy":"argus-corpus","comment":"example silence"}
            """);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var id = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("silenceID").GetString()!;
        var expected = Sample("api-v2-get-alerts-after-silence.json").Replace("26670fbd-e911-4bd0-ad01-c082bd003408", id, StringComparison.Ordinal);
        Assert.Equal(expected, Canonical(await _client!.GetStringAsync("/api/v2/alerts")));
        var active = JsonDocument.Parse(await _client!.GetStringAsync("/api/v2/alerts?silenced=false")).RootElement;
        Assert.Equal("5829969394cdc520", Assert.Single(active.EnumerateArray()).GetProperty("fingerprint").GetString());
        var filtered = JsonDocument.Parse(await _client!.GetStringAsync("/api/v2/alerts?filter=" + Uri.EscapeDataString("instance=\"10.0.0.2:9100\""))).RootElement;
        Assert.Equal("71323caa785306fd", Assert.Single(filtered.EnumerateArray()).GetProperty("fingerprint").GetString());
    }

    [Fact]
    public async Task SilenceListsAsTheSampleAndExpiresOnDeleteAsync()
    {
        _now = SilenceTime;
        var response = await PostAsync("/api/v2/silences", """
            {"matchers":[{"name":"instance","value":"10.0.0.2:9100","isRegex":false,"isEqual":true}],
             "startsAt":"2026-11-22T02:48:51.657Z","endsAt":"2099-01-01T00:00:00Z","createdBy":"argus-corpus","comment":"example silence"}
            """);
        var id = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("silenceID").GetString()!;
        var listed = Canonical(await _client!.GetStringAsync("/api/v2/silences"));
        var expected = Sample("api-v2-get-silences.json").Replace("26670fbd-e911-4bd0-ad01-c082bd003408", id, StringComparison.Ordinal);
        Assert.Equal(expected, listed);
        Assert.Equal(HttpStatusCode.OK, (await _client!.DeleteAsync("/api/v2/silence/" + id)).StatusCode);
        var one = JsonDocument.Parse(await _client!.GetStringAsync("/api/v2/silence/" + id)).RootElement;
        Assert.Equal("expired", one.GetProperty("status").GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await _client!.GetAsync("/api/v2/silence/" + Guid.NewGuid())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client!.DeleteAsync("/api/v2/silence/" + Guid.NewGuid())).StatusCode);
    }

    [Theory]
    [InlineData("""{"matchers":[{"name":"a","value":"b","isRegex":false}],"startsAt":"2026-11-22T04:00:00Z","endsAt":"2026-11-22T03:00:00Z","createdBy":"x","comment":"y"}""",
        "\"Failed to create silence: start time must be before end time\"")]
    [InlineData("""{"matchers":[{"name":"a","value":"b","isRegex":false}],"startsAt":"2026-11-22T01:00:00Z","endsAt":"2026-11-22T02:00:00Z","createdBy":"x","comment":"y"}""",
        "\"Failed to create silence: end time can't be in the past\"")]
    [InlineData("""{"matchers":[],"startsAt":"2026-11-22T03:00:00Z","endsAt":"2026-11-22T04:00:00Z","createdBy":"x","comment":"y"}""",
        "\"at least one matcher required\"")]
    public async Task InvalidSilencesAnswer400WithAlertmanagersMessageAsync(string body, string message)
    {
        var response = await PostAsync("/api/v2/silences", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(message, (await response.Content.ReadAsStringAsync()).TrimEnd('\n'));
    }

    [Fact]
    public async Task InvalidAlertAnswers400ButValidOnesAreStoredAsync()
    {
        var response = await PostAsync("/api/v2/alerts", """
            [{"labels":{"alertname":"A"},"startsAt":"2026-11-22T03:00:00Z","endsAt":"2026-11-22T02:00:00Z"},{"labels":{"alertname":"B"}}]
            """);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("\"start time must be before end time\"\n", await response.Content.ReadAsStringAsync());
        Assert.Equal("B", Assert.Single(_alerts.List()).Labels.Get("alertname"));
    }

    [Fact]
    public async Task StatusAndReceiversDescribeTheLoadedConfigAsync()
    {
        var status = JsonDocument.Parse(await _client!.GetStringAsync("/api/v2/status")).RootElement;
        Assert.Equal("disabled", status.GetProperty("cluster").GetProperty("status").GetString());
        Assert.Equal(_config.Original, status.GetProperty("config").GetProperty("original").GetString());
        Assert.Equal("2026-11-22T02:48:47.603Z", status.GetProperty("uptime").GetString());
        Assert.Equal(Sample("api-v2-get-receivers.json"), Canonical(await _client!.GetStringAsync("/api/v2/receivers")));
    }
}
