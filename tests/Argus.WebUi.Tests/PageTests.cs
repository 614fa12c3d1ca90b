using Microsoft.Playwright;

namespace Argus.WebUi.Tests;

[Collection(UiCollection.Name)]
public sealed class PageTests(UiFixture fixture)
{
    [Fact]
    public async Task Targets_page_lists_the_self_scrape_target_as_up_and_filters_by_health()
    {
        await using var ui = await fixture.OpenAsync("/targets");
        var self = ui.Page.Locator("tr.target").Filter(new LocatorFilterOptions { HasText = $"http://127.0.0.1:{fixture.Port}/metrics" }).First;
        await self.WaitForAsync();
        Assert.Equal("UP", await self.Locator(".badge").InnerTextAsync());
        Assert.Contains("job=\"argus\"", await self.InnerTextAsync(), StringComparison.Ordinal);
        await ui.ScreenshotAsync("targets");

        await ui.Page.GetByLabel("Health").SelectOptionAsync("down");
        await ui.Page.GetByText("No target matches the filter.").WaitForAsync();
        await ui.Page.GetByLabel("Health").SelectOptionAsync("up");
        await ui.Page.GetByPlaceholder("Filter by endpoint or labels").FillAsync("pushgateway");
        Assert.Equal(1, await ui.Page.Locator("tr.target").CountAsync());
        ui.AssertClean();
    }

    [Fact]
    public async Task Status_page_shows_the_version_flags_and_configuration()
    {
        var build = await fixture.Argus.Http.GetStringAsync("/api/v1/status/buildinfo");
        var version = System.Text.Json.JsonDocument.Parse(build).RootElement.GetProperty("data").GetProperty("version").GetString()!;
        await using var ui = await fixture.OpenAsync("/status");
        var versionRow = ui.Page.Locator("#build-info tr").Filter(new LocatorFilterOptions { HasText = "version" }).First;
        await versionRow.WaitForAsync();
        Assert.Equal(version, await versionRow.Locator("td").InnerTextAsync());
        await ui.Page.Locator("#flags tr").Filter(new LocatorFilterOptions { HasText = "web.listen-address" }).First.WaitForAsync();
        Assert.Contains("job_name: pushgateway", await ui.Page.Locator("#config pre").InnerTextAsync(), StringComparison.Ordinal);
        await ui.ScreenshotAsync("status");
        ui.AssertClean();
    }

    [Fact]
    public async Task Tsdb_status_ranks_metrics_by_series_count()
    {
        await using var ui = await fixture.OpenAsync("/tsdb-status");
        await ui.Page.Locator("#head-stats").WaitForAsync();
        await ui.Page.Locator("td.series", new PageLocatorOptions { HasText = "up" }).First.WaitForAsync();
        await ui.ScreenshotAsync("tsdb-status");
        ui.AssertClean();
    }

    [Fact]
    public async Task Every_page_loads_from_argus_alone_and_says_why_when_an_api_is_missing()
    {
        foreach (var path in new[] { "alerts", "rules", "service-discovery", "alertmanager" })
        {
            await using var ui = await fixture.OpenAsync("/" + path);
            var heading = ui.Page.Locator("main h1");
            await heading.WaitForAsync();
            // Each page settles: no "Loading" notice is left.
            await Assertions.Expect(ui.Page.Locator(".notice-info", new PageLocatorOptions { HasText = "Loading" })).ToHaveCountAsync(0);
            var missingApi = await ui.Page.Locator(".notice-warning", new PageLocatorOptions { HasText = "HTTP 404" }).CountAsync();
            if (missingApi > 0)
            {
                // The browser logs the failed fetch; the page explained it instead of breaking.
                ui.ExpectedErrors.Add("404");
            }
            await ui.ScreenshotAsync(path);
            ui.AssertClean();
        }
    }

    [Fact]
    public async Task Theme_toggle_and_phone_width_menu_work_from_the_keyboard()
    {
        await using var ui = await fixture.OpenAsync("/targets", width: 390, height: 800);
        var before = await ui.Page.EvaluateAsync<string>("() => document.documentElement.dataset.theme");
        await ui.Page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Toggle dark theme" }).FocusAsync();
        await ui.Page.Keyboard.PressAsync("Enter");
        var after = await ui.Page.EvaluateAsync<string>("() => document.documentElement.dataset.theme");
        Assert.NotEqual(before, after);
        Assert.Contains(after, new[] { "light", "dark" });

        var statusLink = ui.Page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Status", Exact = true });
        Assert.False(await statusLink.IsVisibleAsync());
        await ui.Page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Menu" }).ClickAsync();
        await statusLink.ClickAsync();
        await ui.Page.Locator("#build-info td").First.WaitForAsync();
        Assert.EndsWith("/status", new Uri(ui.Page.Url).AbsolutePath, StringComparison.Ordinal);
        var overflow = await ui.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "the status page scrolls sideways at phone width");
        ui.AssertClean();
    }
}
