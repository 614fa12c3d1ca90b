using System.Net;
using System.Text;
using System.Text.Json;
using Argus.Alerting.Alerts;
using Argus.Alerting.Config;
using Argus.Alerting.Dispatch;
using Argus.Alerting.Groups;
using Argus.Alerting.History;
using Argus.Alerting.Silences;
using Argus.Alerting.Tests;
using Argus.Model.Labels;
using Argus.Web.Api.V2;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;

namespace Argus.Web.Tests.Api.V2;

/// <summary>Argus's acknowledgement, signed-link and history endpoints, and the fields they add to the groups.</summary>
public sealed class AcknowledgementApiTests : IAsyncLifetime
{
    private const string Config = """
        route:
          receiver: team
          group_by: [alertname]
          routes:
            - matchers: ['severity="critical"']
              receiver: primary
              escalation:
                - {after: 15m, receiver: secondary}
              silence_notifications: {}
        receivers: [{name: team}, {name: primary}, {name: secondary}]
        """;

    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 15, 0, 0, TimeSpan.Zero));
    private readonly AlertStore _alerts = new();
    private readonly SilenceStore _silences;
    private readonly HistoryLog _history;
    private readonly GroupStates _groups;
    private readonly AcknowledgementTokens _tokens = new(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    private readonly AlertmanagerConfig _config = AlertmanagerConfigLoader.Load(Config, "am.yml");
    private readonly Dispatcher _dispatcher;
    private WebApplication? _app;
    private HttpClient? _client;

    public AcknowledgementApiTests()
    {
        _silences = SilenceStore.Open(new SilenceStoreOptions { UtcNow = () => _time.UtcNow });
        _history = HistoryLog.Open(new HistoryLogOptions { Time = _time });
        _groups = GroupStates.Open(new GroupStatesOptions { History = _history, Time = _time });
        _dispatcher = new Dispatcher(_alerts, _config.Route, (_, _) => Task.FromResult(true), _time);
    }

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        _app = builder.Build();
        new AlertmanagerApi(new AlertmanagerApiSources
        {
            Alerts = _alerts,
            Silences = _silences,
            Config = () => _config,
            Groups = _dispatcher.Groups,
            GroupStates = _groups,
            AcknowledgementTokens = _tokens,
            History = _history,
            UtcNow = () => _time.UtcNow,
            StartTime = _time.UtcNow,
        }).Map(_app);
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
        _dispatcher.Dispose();
        _groups.Dispose();
        _history.Dispose();
        _silences.Dispose();
    }

    private Alert Fire(string alertname, string instance, string severity = "critical")
    {
        var now = _time.UtcNow;
        var labels = LabelSet.FromPairs("alertname", alertname, "instance", instance, "severity", severity);
        return _alerts.Put(new Alert(labels, LabelSet.FromPairs("summary", "disk <full> on " + instance), now, now.AddHours(1), now, "", false), now);
    }

    private AlertGroupView Group(string alertname) => _dispatcher.Groups().Single(g => g.Labels.Get("alertname") == alertname);

    private async Task<JsonElement> GroupJsonAsync(string alertname)
    {
        var groups = JsonDocument.Parse(await _client!.GetStringAsync("/api/v2/alerts/groups")).RootElement;
        return groups.EnumerateArray().Single(g => g.GetProperty("labels").GetProperty("alertname").GetString() == alertname).Clone();
    }

    private Task<HttpResponseMessage> PostJsonAsync(string path, string json) =>
        _client!.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    private Task<HttpResponseMessage> PostFormAsync(string path, params (string Name, string Value)[] fields) =>
        _client!.PostAsync(path, new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))));

    private string LinkFor(AlertGroupView group) =>
        "/api/v2/acknowledge?token=" + Uri.EscapeDataString(_tokens.Create(group.Id, group.Alerts.Where(a => !a.IsResolved(_time.UtcNow)).Select(a => a.Fingerprint)));

    [Fact]
    public async Task Groups_carry_a_stable_id_the_acknowledgement_and_the_escalation_state()
    {
        Fire("DiskFull", "a");
        Fire("Info", "a", severity: "info");
        var disk = await GroupJsonAsync("DiskFull");
        Assert.Equal(GroupId.Of(Group("DiskFull").Key), disk.GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Null, disk.GetProperty("acknowledgement").ValueKind);
        var escalation = disk.GetProperty("escalation");
        Assert.Equal(0, escalation.GetProperty("step").GetInt32());
        Assert.Equal(0, escalation.GetProperty("notified").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, escalation.GetProperty("nextStepAt").ValueKind);
        Assert.Equal("secondary", escalation.GetProperty("nextReceiver").GetString());
        // No escalation policy on its route: null.
        Assert.Equal(JsonValueKind.Null, (await GroupJsonAsync("Info")).GetProperty("escalation").ValueKind);

        _groups.Notified(Group("DiskFull").Key, "primary", _time.UtcNow);
        escalation = (await GroupJsonAsync("DiskFull")).GetProperty("escalation");
        Assert.Equal("2026-12-07T15:15:00.000Z", escalation.GetProperty("nextStepAt").GetString());
        Assert.Equal("primary", escalation.GetProperty("notified")[0].GetString());
    }

    [Fact]
    public async Task Acknowledging_through_the_api_answers_the_acknowledgement_and_shows_it_in_the_groups()
    {
        Fire("DiskFull", "a");
        var id = Group("DiskFull").Id;
        var response = await PostJsonAsync($"/api/v2/alerts/groups/{id}/acknowledge", """{"acknowledgedBy": "alice", "comment": "on it"}""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"acknowledgedBy":"alice","comment":"on it","acknowledgedAt":"2026-12-07T15:00:00.000Z"}""", (await response.Content.ReadAsStringAsync()).Trim());
        var group = await GroupJsonAsync("DiskFull");
        Assert.Equal("alice", group.GetProperty("acknowledgement").GetProperty("acknowledgedBy").GetString());
        Assert.Equal(JsonValueKind.Null, group.GetProperty("escalation").GetProperty("nextReceiver").ValueKind);

        Assert.Equal(HttpStatusCode.OK, (await _client!.DeleteAsync($"/api/v2/alerts/groups/{id}/acknowledge")).StatusCode);
        Assert.Equal(JsonValueKind.Null, (await GroupJsonAsync("DiskFull")).GetProperty("acknowledgement").ValueKind);
        Assert.Equal(
            [HistoryEventKind.Unacknowledged, HistoryEventKind.Acknowledged],
            _history.Query(new HistoryQuery()).Select(e => e.Kind));
    }

    [Theory]
    [InlineData("""{"comment": "on it"}""", "acknowledgedBy is required")]
    [InlineData("""{"acknowledgedBy": "  "}""", "acknowledgedBy is required")]
    [InlineData("""{"acknowledgedBy": 7}""", "acknowledgedBy is required")]
    [InlineData("""["alice"]""", "the body must be a JSON object")]
    [InlineData("""{"acknowledgedBy": """, "the body is not JSON")]
    public async Task A_bad_acknowledgement_is_400_with_its_cause(string body, string message)
    {
        Fire("DiskFull", "a");
        var response = await PostJsonAsync($"/api/v2/alerts/groups/{Group("DiskFull").Id}/acknowledge", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, JsonSerializer.Deserialize<string>(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Null(_groups.AcknowledgementOf(Group("DiskFull").Key));
    }

    [Theory]
    [InlineData("0123456789abcdef")]
    [InlineData("not-an-id")]
    public async Task An_unknown_group_is_404(string id)
    {
        Fire("DiskFull", "a");
        Assert.Equal(HttpStatusCode.NotFound, (await PostJsonAsync($"/api/v2/alerts/groups/{id}/acknowledge", """{"acknowledgedBy": "alice"}""")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client!.DeleteAsync($"/api/v2/alerts/groups/{id}/acknowledge")).StatusCode);
    }

    [Fact]
    public async Task Opening_the_link_shows_the_group_and_a_confirm_button_without_acknowledging()
    {
        Fire("DiskFull", "a");
        var response = await _client!.GetAsync(LinkFor(Group("DiskFull")));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<form method=\"post\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"acknowledgedBy\"", html, StringComparison.Ordinal);
        Assert.Contains("{alertname=&quot;DiskFull&quot;}", html, StringComparison.Ordinal);
        Assert.Contains("disk &lt;full&gt; on a", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<full>", html, StringComparison.Ordinal);
        Assert.Null(_groups.AcknowledgementOf(Group("DiskFull").Key));
    }

    [Fact]
    public async Task Posting_the_link_acknowledges_as_the_named_person_or_as_link()
    {
        Fire("DiskFull", "a");
        Fire("Other", "a");
        var response = await PostFormAsync(LinkFor(Group("DiskFull")), ("acknowledgedBy", "bob"), ("comment", "rebooting"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Acknowledged by <strong>bob</strong>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(("bob", "rebooting"), (_groups.AcknowledgementOf(Group("DiskFull").Key)!.By, _groups.AcknowledgementOf(Group("DiskFull").Key)!.Comment));

        Assert.Equal(HttpStatusCode.OK, (await PostFormAsync(LinkFor(Group("Other")))).StatusCode);
        Assert.Equal("link", _groups.AcknowledgementOf(Group("Other").Key)!.By);
    }

    [Fact]
    public async Task A_tampered_link_is_403_and_a_damaged_one_400()
    {
        Fire("DiskFull", "a");
        var link = LinkFor(Group("DiskFull"));
        var token = Uri.UnescapeDataString(link.Split("token=")[1]);
        var tampered = (token[0] == 'A' ? 'B' : 'A') + token[1..];
        Assert.Equal(HttpStatusCode.Forbidden, (await PostFormAsync("/api/v2/acknowledge?token=" + Uri.EscapeDataString(tampered), ("acknowledgedBy", "mallory"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _client!.GetAsync("/api/v2/acknowledge?token=" + Uri.EscapeDataString(tampered))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostFormAsync("/api/v2/acknowledge?token=%3Cscript%3E")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _client!.GetAsync("/api/v2/acknowledge")).StatusCode);
        Assert.Null(_groups.AcknowledgementOf(Group("DiskFull").Key));
    }

    [Fact]
    public async Task A_link_for_an_older_firing_set_is_410_gone()
    {
        var a = Fire("DiskFull", "a");
        var link = LinkFor(Group("DiskFull"));
        Fire("DiskFull", "b");
        var response = await PostFormAsync(link, ("acknowledgedBy", "bob"));
        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Contains("changed or resolved", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Gone, (await _client!.GetAsync(link)).StatusCode);
        Assert.Null(_groups.AcknowledgementOf(Group("DiskFull").Key));
        // A link for the current set works.
        Assert.Equal(HttpStatusCode.OK, (await PostFormAsync(LinkFor(Group("DiskFull")))).StatusCode);
        Assert.Equal(2, _groups.AcknowledgementOf(Group("DiskFull").Key)!.Firing.Count);
        Assert.Contains(a.Fingerprint, _groups.AcknowledgementOf(Group("DiskFull").Key)!.Firing);
    }

    [Fact]
    public async Task History_answers_newest_first_filtered_by_labels_time_and_limit()
    {
        Fire("DiskFull", "a");
        _time.Advance(TimeSpan.FromMinutes(1));
        Fire("DiskFull", "b");
        _groups.Acknowledge(Group("DiskFull").Key, Group("DiskFull").Alerts, "alice", "on it");
        _time.Advance(TimeSpan.FromMinutes(1));
        _groups.Unacknowledge(Group("DiskFull").Key, Group("DiskFull").Alerts, null, "handing over");

        var all = JsonDocument.Parse(await _client!.GetStringAsync("/api/v2/history")).RootElement;
        Assert.Equal(4, all.GetArrayLength());
        var newest = all[0];
        Assert.Equal("unacknowledged", newest.GetProperty("event").GetString());
        Assert.Equal("2026-12-07T15:02:00.000Z", newest.GetProperty("at").GetString());
        Assert.Equal(Group("DiskFull").Id, newest.GetProperty("groupId").GetString());
        Assert.Equal(JsonValueKind.Null, newest.GetProperty("by").ValueKind);
        Assert.Equal(JsonValueKind.Null, newest.GetProperty("receiver").ValueKind);
        Assert.Equal(JsonValueKind.Null, newest.GetProperty("integration").ValueKind);
        Assert.Equal("handing over", newest.GetProperty("detail").GetString());
        Assert.Matches("^[0-9a-f]{16}$", newest.GetProperty("fingerprint").GetString()!);
        Assert.Equal(
            ["alertname", "instance", "severity", "at", "fingerprint", "labels", "event", "groupId", "receiver", "integration", "by", "detail"],
            newest.GetProperty("labels").EnumerateObject().Select(p => p.Name).Concat(newest.EnumerateObject().Select(p => p.Name)));

        var filtered = JsonDocument.Parse(await _client!.GetStringAsync("/api/v2/history?filter=" + Uri.EscapeDataString("instance=\"b\"") + "&filter=" + Uri.EscapeDataString("alertname=~\"Disk.*\""))).RootElement;
        Assert.Equal(["unacknowledged", "acknowledged"], filtered.EnumerateArray().Select(e => e.GetProperty("event").GetString()));
        var ranged = JsonDocument.Parse(await _client!.GetStringAsync("/api/v2/history?start=2026-12-07T15:01:00Z&end=2026-12-07T15:01:30Z")).RootElement;
        Assert.Equal(2, ranged.GetArrayLength());
        Assert.All(ranged.EnumerateArray(), e => Assert.Equal("acknowledged", e.GetProperty("event").GetString()));
        var unixRange = JsonDocument.Parse(await _client!.GetStringAsync($"/api/v2/history?start={new DateTimeOffset(2026, 12, 7, 15, 1, 30, TimeSpan.Zero).ToUnixTimeSeconds()}")).RootElement;
        Assert.Equal(2, unixRange.GetArrayLength());
        var limited = JsonDocument.Parse(await _client!.GetStringAsync("/api/v2/history?limit=1")).RootElement;
        Assert.Equal("unacknowledged", Assert.Single(limited.EnumerateArray()).GetProperty("event").GetString());
    }

    [Theory]
    [InlineData("filter=" + "alertname%3D~%22(%22", "invalid filter")]
    [InlineData("start=yesterday", "invalid start \"yesterday\"")]
    [InlineData("end=2026-13-01T00:00:00Z", "invalid end")]
    [InlineData("start=2026-12-07T16:00:00Z&end=2026-12-07T15:00:00Z", "end is before start")]
    [InlineData("limit=0", "invalid limit \"0\"")]
    [InlineData("limit=-3", "invalid limit")]
    public async Task Bad_history_parameters_are_400_with_their_cause(string query, string message)
    {
        var response = await _client!.GetAsync("/api/v2/history?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, JsonSerializer.Deserialize<string>(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Silences_carry_expire_on_resolve_from_the_field_or_the_comment_and_only_when_set()
    {
        var plain = await PostJsonAsync("/api/v2/silences", """
            {"matchers":[{"name":"alertname","value":"DiskFull","isRegex":false}],"startsAt":"2026-12-07T15:00:00Z","endsAt":"2026-12-07T17:00:00Z","createdBy":"a","comment":"plain"}
            """);
        var flagged = await PostJsonAsync("/api/v2/silences", """
            {"matchers":[{"name":"alertname","value":"DiskFull","isRegex":false}],"startsAt":"2026-12-07T15:00:00Z","endsAt":"2026-12-07T17:00:00Z","createdBy":"a","comment":"deploy","expireOnResolve":true}
            """);
        var tagged = await PostJsonAsync("/api/v2/silences", """
            {"matchers":[{"name":"alertname","value":"DiskFull","isRegex":false}],"startsAt":"2026-12-07T15:00:00Z","endsAt":"2026-12-07T17:00:00Z","createdBy":"a","comment":"deploy [expire-on-resolve]"}
            """);
        string IdOf(HttpResponseMessage r) => JsonDocument.Parse(r.Content.ReadAsStringAsync().Result).RootElement.GetProperty("silenceID").GetString()!;
        var silence = JsonDocument.Parse(await _client!.GetStringAsync("/api/v2/silence/" + IdOf(plain))).RootElement;
        Assert.False(silence.TryGetProperty("expireOnResolve", out _));
        Assert.True(JsonDocument.Parse(await _client!.GetStringAsync("/api/v2/silence/" + IdOf(flagged))).RootElement.GetProperty("expireOnResolve").GetBoolean());
        Assert.True(JsonDocument.Parse(await _client!.GetStringAsync("/api/v2/silence/" + IdOf(tagged))).RootElement.GetProperty("expireOnResolve").GetBoolean());
    }

    [Fact]
    public async Task The_status_shows_the_configuration_without_argus_extensions()
    {
        var original = JsonDocument.Parse(await _client!.GetStringAsync("/api/v2/status")).RootElement.GetProperty("config").GetProperty("original").GetString()!;
        Assert.DoesNotContain("escalation", original, StringComparison.Ordinal);
        Assert.DoesNotContain("silence_notifications", original, StringComparison.Ordinal);
        Assert.Contains("receiver: primary", original, StringComparison.Ordinal);
    }
}
