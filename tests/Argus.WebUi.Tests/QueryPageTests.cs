using System.Text.Json;
using Microsoft.Playwright;

namespace Argus.WebUi.Tests;

[Collection(UiCollection.Name)]
public sealed class QueryPageTests(UiFixture fixture)
{
    [Fact]
    public async Task Graph_of_up_draws_a_canvas_and_a_legend_entry_per_target()
    {
        await using var ui = await fixture.OpenAsync("/graph?g0.expr=up&g0.tab=graph&g0.range_input=5m");
        var canvas = ui.Page.Locator(".graph canvas").First;
        await canvas.WaitForAsync();
        var box = await canvas.BoundingBoxAsync();
        Assert.NotNull(box);
        Assert.True(box.Width > 100 && box.Height > 100, $"canvas is {box.Width}x{box.Height}");
        // The chart really drew something: some pixels of the canvas are not transparent.
        var painted = await canvas.EvaluateAsync<int>("""
            c => { const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                   let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] !== 0) n++; return n; }
            """);
        Assert.True(painted > 100, $"only {painted} painted pixels");

        var legend = await ui.Page.Locator(".u-legend .u-series .u-label").AllInnerTextsAsync();
        Assert.Contains($"up{{instance=\"127.0.0.1:{fixture.Port}\", job=\"argus\"}}", legend);
        Assert.Contains($"up{{instance=\"127.0.0.1:{fixture.Port}\", job=\"pushgateway\"}}", legend);
        await ui.ScreenshotAsync("graph");
        ui.AssertClean();
    }

    [Fact]
    public async Task Typing_an_expression_and_pressing_enter_shows_its_value_in_the_table()
    {
        await using var ui = await fixture.OpenAsync("/graph");
        var editor = ui.Page.GetByRole(AriaRole.Combobox);
        await editor.FillAsync(UiFixture.PushedMetric);
        await editor.PressAsync("Escape");
        await editor.PressAsync("Enter");
        var row = ui.Page.Locator(".result-table tbody tr");
        await row.First.WaitForAsync();
        Assert.Equal(1, await row.CountAsync());
        Assert.Equal(UiFixture.PushedValue, await row.Locator("td.num").InnerTextAsync());
        Assert.Contains("room=\"lab\"", await row.Locator("td.series").InnerTextAsync(), StringComparison.Ordinal);

        // The whole state is in the URL, so the link reproduces the panel.
        var url = new Uri(ui.Page.Url);
        Assert.Contains("g0.expr=" + UiFixture.PushedMetric, url.Query, StringComparison.Ordinal);
        Assert.Contains("g0.tab=table", url.Query, StringComparison.Ordinal);
        ui.AssertClean();
    }

    [Fact]
    public async Task The_editor_completes_metric_names_from_the_api_and_remembers_history()
    {
        await using var ui = await fixture.OpenAsync("/graph");
        var editor = ui.Page.GetByRole(AriaRole.Combobox);
        await editor.PressSequentiallyAsync("ui_test_temp");
        await Completion(ui, UiFixture.PushedMetric).WaitForAsync();
        // Beside the name stands its type (and help, when it has one) from /api/v1/metadata.
        var offered = ui.Page.GetByRole(AriaRole.Option).Filter(new LocatorFilterOptions
        {
            Has = ui.Page.Locator(".completion-text").GetByText(UiFixture.PushedMetric, new LocatorGetByTextOptions { Exact = true }),
        });
        Assert.StartsWith("gauge", await offered.Locator(".completion-detail").InnerTextAsync(), StringComparison.Ordinal);
        await editor.PressAsync("Tab");
        Assert.Equal(UiFixture.PushedMetric, await editor.InputValueAsync());
        // Highlighting marks the name as a metric.
        Assert.Equal(UiFixture.PushedMetric, await ui.Page.Locator(".editor-highlight .tok-metric").InnerTextAsync());

        // Inside braces the labels of that metric are offered, then their values.
        await editor.PressSequentiallyAsync("{ro");
        await Completion(ui, "room").WaitForAsync();
        await editor.PressAsync("Tab");
        await editor.PressSequentiallyAsync("=\"");
        await Completion(ui, "lab").WaitForAsync();
        await editor.PressAsync("Enter");
        Assert.Equal(UiFixture.PushedMetric + "{room=\"lab", await editor.InputValueAsync());

        await editor.PressSequentiallyAsync("\"}");
        await editor.PressAsync("Enter");
        await ui.Page.Locator(".result-table").WaitForAsync();
        var history = await ui.Page.EvaluateAsync<string>("() => localStorage.getItem('argus.queryHistory')");
        Assert.Contains(UiFixture.PushedMetric + "{room=\"lab\"}", JsonSerializer.Deserialize<string[]>(history)!);
        ui.AssertClean();
    }

    /// <summary>The offered completion whose text is exactly <paramref name="text"/> (not its "label"/"metric" kind).</summary>
    private static ILocator Completion(UiSession ui, string text) =>
        ui.Page.GetByRole(AriaRole.Listbox).GetByText(text, new LocatorGetByTextOptions { Exact = true });

    [Fact]
    public async Task Several_panels_and_the_stacked_graph_come_back_from_the_url()
    {
        await using var ui = await fixture.OpenAsync(
            "/graph?g0.expr=up&g0.tab=table&g1.expr=sum%20by%20(job)%20(up)&g1.tab=graph&g1.range_input=10m&g1.stacked=1");
        var panels = ui.Page.Locator(".panel");
        Assert.Equal(2, await panels.CountAsync());
        await panels.Nth(0).Locator(".result-table").WaitForAsync();
        await panels.Nth(1).Locator(".graph canvas").First.WaitForAsync();
        Assert.True(await panels.Nth(1).Locator("input[type=checkbox]").IsCheckedAsync());
        Assert.Equal("10m", await panels.Nth(1).Locator(".range-input").InputValueAsync());
        var legend = await panels.Nth(1).Locator(".u-legend .u-series .u-label").AllInnerTextsAsync();
        Assert.Contains("{job=\"argus\"}", legend);

        await ui.Page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Add panel" }).ClickAsync();
        Assert.Equal(3, await panels.CountAsync());
        ui.AssertClean();
    }
}
