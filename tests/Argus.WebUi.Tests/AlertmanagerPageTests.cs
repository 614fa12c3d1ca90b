using System.Text;
using System.Text.Json;
using Argus.Alerting.Alerts;
using Argus.Alerting.Config;
using Argus.Alerting.Silences;
using Argus.Instrumentation.Metrics;
using Argus.Web.Api.V2;
using Argus.Web.Hosting;
using Argus.Web.Logging;
using Argus.Web.Ui;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace Argus.WebUi.Tests;

/// <summary>
/// The Alertmanager page against the real API v2 and UI modules in a loopback HTTP host (the
/// page's silence editing needs no rules or timers): alert groups as routed, and silences created, edited
/// and expired from the browser, checked through the API.
/// </summary>
[Collection(UiCollection.Name)]
public sealed class AlertmanagerPageTests(UiFixture fixture) : IAsyncLifetime
{
    private const string Config = """
        route:
          receiver: team-pager
          group_by: [alertname]
        receivers:
          - name: team-pager
        """;

    private readonly AlertStore _alerts = new();
    private readonly SilenceStore _silences = SilenceStore.Open(new SilenceStoreOptions());
    private ArgusWebHost? _host;
    private HttpClient? _api;

    private HttpClient Api => _api!;

    public async Task InitializeAsync()
    {
        var config = AlertmanagerConfigLoader.Load(Config, "alertmanager.yml");
        var options = new WebOptions { ListenAddress = ListenAddress.Parse("127.0.0.1:0"), ExternalUrl = new Uri("http://127.0.0.1/") };
        var logs = new ArgusLoggerProvider(LogLevel.Warning, LogFormat.Logfmt, TextWriter.Null);
        _host = new ArgusWebHost(options, new MetricsRegistry(), new ReadinessGate(), new NoLifecycle(), logs,
            [new WebUiModule(), new AlertmanagerApi(new AlertmanagerApiSources { Alerts = _alerts, Silences = _silences, Config = () => config })]);
        await _host.StartAsync(CancellationToken.None);
        _api = new HttpClient { BaseAddress = new Uri(_host.BoundAddresses.Single()) };
        var now = DateTime.UtcNow.ToString("O");
        using var alerts = new StringContent($$"""
            [{"labels":{"alertname":"DiskFull","instance":"db1","severity":"page"},"annotations":{"summary":"disk on db1 is full"},"startsAt":"{{now}}"},
             {"labels":{"alertname":"DiskFull","instance":"db2","severity":"page"},"annotations":{"summary":"disk on db2 is full"},"startsAt":"{{now}}"}]
            """, Encoding.UTF8, "application/json");
        (await Api.PostAsync("/api/v2/alerts", alerts)).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync()
    {
        _api?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
        _silences.Dispose();
    }

    [Fact]
    public async Task Alert_groups_show_the_receiver_and_a_silence_made_in_the_page_reaches_the_api_and_expires()
    {
        await using var ui = await UiSession.OpenAsync(fixture, _api!.BaseAddress!.ToString().TrimEnd('/'), "/alertmanager", 1280, 900);
        var group = ui.Page.Locator(".alert-group").First;
        await group.WaitForAsync();
        Assert.Contains("team-pager", await group.Locator("summary").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(2, await group.Locator(".am-alerts li").CountAsync());
        await ui.Page.GetByText("No silences.").WaitForAsync();

        // "Silence" on db1's alert pre-fills its labels; the preview shows exactly that alert.
        await group.Locator(".am-alerts li").Filter(new LocatorFilterOptions { HasText = "db1" })
            .GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Silence" }).ClickAsync();
        var form = ui.Page.GetByRole(AriaRole.Form, new PageGetByRoleOptions { Name = "New silence" });
        await form.Locator(".preview").GetByText("1 alert would be silenced").WaitForAsync();
        await form.GetByLabel("Duration").FillAsync("3h");
        await form.GetByLabel("Created by").FillAsync("ui-test");
        await form.GetByLabel("Comment").FillAsync("replacing the disk");
        await form.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Create silence" }).ClickAsync();
        var row = ui.Page.Locator("tr[data-silence-id]").First;
        await row.WaitForAsync();
        // The groups reload: db1's alert is now suppressed, db2's still active.
        await Assertions.Expect(ui.Page.Locator(".am-alerts li", new PageLocatorOptions { HasText = "db1" }).Locator(".badge")).ToHaveTextAsync("suppressed");
        await Assertions.Expect(ui.Page.Locator(".am-alerts li", new PageLocatorOptions { HasText = "db2" }).Locator(".badge")).ToHaveTextAsync("active");
        await ui.ScreenshotAsync("alertmanager-silence");

        var silences = JsonDocument.Parse(await Api.GetStringAsync("/api/v2/silences")).RootElement;
        var silence = Assert.Single(silences.EnumerateArray());
        Assert.Equal("ui-test", silence.GetProperty("createdBy").GetString());
        Assert.Equal("replacing the disk", silence.GetProperty("comment").GetString());
        Assert.Equal("active", silence.GetProperty("status").GetProperty("state").GetString());
        var matchers = silence.GetProperty("matchers").EnumerateArray().Select(m => m.GetProperty("name").GetString() + "=" + m.GetProperty("value").GetString()).ToList();
        Assert.Equal(["alertname=DiskFull", "instance=db1", "severity=page"], matchers.Order());
        var length = DateTime.Parse(silence.GetProperty("endsAt").GetString()!, null, System.Globalization.DateTimeStyles.RoundtripKind)
            - DateTime.Parse(silence.GetProperty("startsAt").GetString()!, null, System.Globalization.DateTimeStyles.RoundtripKind);
        // The store moves a start that is already past to its own "now", so the length may be a little under 3h.
        Assert.InRange(length, TimeSpan.FromHours(3) - TimeSpan.FromMinutes(1), TimeSpan.FromHours(3));
        var silencedAlerts = JsonDocument.Parse(await Api.GetStringAsync("/api/v2/alerts?silenced=false")).RootElement;
        Assert.Equal("db2", Assert.Single(silencedAlerts.EnumerateArray()).GetProperty("labels").GetProperty("instance").GetString());

        await row.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Expire" }).ClickAsync();
        await Assertions.Expect(row.Locator(".badge")).ToHaveTextAsync("expired");
        var expired = JsonDocument.Parse(await Api.GetStringAsync("/api/v2/silences")).RootElement;
        Assert.Equal("expired", Assert.Single(expired.EnumerateArray()).GetProperty("status").GetProperty("state").GetString());
        ui.AssertClean();
    }

    private async Task<List<JsonElement>> SilencesAsync() =>
        [.. JsonDocument.Parse(await Api.GetStringAsync("/api/v2/silences")).RootElement.EnumerateArray().Select(e => e.Clone())];

    [Fact]
    public async Task Editing_a_silence_updates_it_in_place_and_changing_its_matchers_replaces_it_as_Alertmanager_does()
    {
        var endsAt = DateTime.UtcNow.AddHours(1).ToString("O");
        using var create = new StringContent($$"""
            {"matchers":[{"name":"instance","value":"db1","isRegex":false,"isEqual":true}],"startsAt":"{{DateTime.UtcNow:O}}","endsAt":"{{endsAt}}","createdBy":"api","comment":"first"}
            """, Encoding.UTF8, "application/json");
        var created = await Api.PostAsync("/api/v2/silences", create);
        created.EnsureSuccessStatusCode();
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("silenceID").GetString()!;

        await using var ui = await UiSession.OpenAsync(fixture, _api!.BaseAddress!.ToString().TrimEnd('/'), "/alertmanager", 1280, 900);
        var row = ui.Page.Locator($"tr[data-silence-id=\"{id}\"]");
        await row.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Edit" }).ClickAsync();
        var form = ui.Page.GetByRole(AriaRole.Form, new PageGetByRoleOptions { Name = "Edit silence" });
        await Assertions.Expect(form.GetByLabel("Label value")).ToHaveValueAsync("db1");
        await Assertions.Expect(form.GetByLabel("Comment")).ToHaveValueAsync("first");
        await form.Locator(".preview").GetByText("1 alert would be silenced").WaitForAsync();
        await form.GetByLabel("Duration").FillAsync("4h");
        await form.GetByLabel("Comment").FillAsync("extended");
        await form.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Update silence" }).ClickAsync();

        // Same matchers, same start: the silence keeps its id and takes the new end and comment.
        await Assertions.Expect(row.Locator("td").Nth(5)).ToHaveTextAsync("extended");
        var updated = Assert.Single(await SilencesAsync());
        Assert.Equal(id, updated.GetProperty("id").GetString());
        Assert.Equal("active", updated.GetProperty("status").GetProperty("state").GetString());
        var end = DateTime.Parse(updated.GetProperty("endsAt").GetString()!, null, System.Globalization.DateTimeStyles.RoundtripKind);
        Assert.InRange(end, DateTime.UtcNow.AddHours(4).AddMinutes(-1), DateTime.UtcNow.AddHours(4).AddMinutes(1));
        await ui.ScreenshotAsync("alertmanager-silence-edited");

        // Other matchers: the old silence expires and a new one, with a new id, silences db2 instead.
        await row.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Edit" }).ClickAsync();
        await form.GetByLabel("Label value").FillAsync("db2");
        await form.Locator(".preview").GetByText("1 alert would be silenced").WaitForAsync();
        await form.Locator(".preview").GetByText("db2").WaitForAsync();
        await form.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Update silence" }).ClickAsync();
        await Assertions.Expect(row.Locator(".badge")).ToHaveTextAsync("expired");
        var silences = await SilencesAsync();
        Assert.Equal(2, silences.Count);
        Assert.Equal("expired", silences.Single(s => s.GetProperty("id").GetString() == id).GetProperty("status").GetProperty("state").GetString());
        var replacement = silences.Single(s => s.GetProperty("id").GetString() != id);
        Assert.Equal("active", replacement.GetProperty("status").GetProperty("state").GetString());
        Assert.Equal("db2", Assert.Single(replacement.GetProperty("matchers").EnumerateArray()).GetProperty("value").GetString());
        Assert.Equal("extended", replacement.GetProperty("comment").GetString());
        await Assertions.Expect(ui.Page.Locator($"tr[data-silence-id=\"{replacement.GetProperty("id").GetString()}\"] .badge")).ToHaveTextAsync("active");
        await Assertions.Expect(ui.Page.Locator(".am-alerts li", new PageLocatorOptions { HasText = "db2" }).Locator(".badge")).ToHaveTextAsync("suppressed");
        await Assertions.Expect(ui.Page.Locator(".am-alerts li", new PageLocatorOptions { HasText = "db1" }).Locator(".badge")).ToHaveTextAsync("active");
        ui.AssertClean();
    }
}
