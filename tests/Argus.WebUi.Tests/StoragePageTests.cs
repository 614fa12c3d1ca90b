using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace Argus.WebUi.Tests;

/// <summary>
/// The TSDB status page's write-ahead log and block sections against the real server, whose data directory the
/// fixture filled with backfilled history: every figure the page shows is the one the API gives.
/// </summary>
[Collection(UiCollection.Name)]
public sealed class StoragePageTests(UiFixture fixture)
{
    private static string Count(long n) => n.ToString("N0", CultureInfo.GetCultureInfo("en-US"));

    private async Task<JsonElement> DataAsync(string path) =>
        JsonDocument.Parse(await fixture.Argus.Http.GetStringAsync(path)).RootElement.GetProperty("data").Clone();

    [Fact]
    public async Task Tsdb_status_shows_the_wal_its_replay_and_every_block_as_the_api_reports_them()
    {
        var blocks = (await DataAsync("/api/v1/status/tsdb/blocks")).EnumerateArray().ToList();
        Assert.NotEmpty(blocks);
        var wal = await DataAsync("/api/v1/status/tsdb/wal");
        var replay = wal.GetProperty("replay");
        Assert.True(replay.GetProperty("samples").GetInt64() > 0, "the backfill left samples in the head for replay: " + wal);

        await using var ui = await fixture.OpenAsync("/tsdb-status");
        var blockRows = ui.Page.Locator("#blocks tbody tr");
        await Assertions.Expect(blockRows).ToHaveCountAsync(blocks.Count);
        foreach (var block in blocks)
        {
            var id = block.GetProperty("id").GetString()!;
            var cells = await ui.Page.Locator($"#blocks tr[data-block-id=\"{id}\"] td").AllInnerTextsAsync();
            Assert.Equal(id, cells[0].Trim());
            Assert.Equal(FormatTime(block.GetProperty("minTime").GetInt64()), cells[1]);
            Assert.Equal(FormatTime(block.GetProperty("maxTime").GetInt64()), cells[2]);
            Assert.Equal(Count(block.GetProperty("numSeries").GetInt64()), cells[4]);
            Assert.Equal(Count(block.GetProperty("numSamples").GetInt64()), cells[5]);
            Assert.Equal(Count(block.GetProperty("numChunks").GetInt64()), cells[6]);
            Assert.Equal(block.GetProperty("level").GetInt32().ToString(CultureInfo.InvariantCulture), cells[8]);
        }

        var walRows = ui.Page.Locator("#wal-stats tr");
        await Assertions.Expect(walRows.Filter(new LocatorFilterOptions { HasText = "Segments" }).Locator("td"))
            .ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^\\d+ \\("));
        await Assertions.Expect(walRows.Filter(new LocatorFilterOptions { HasText = "Size on disk" }).Locator("td"))
            .ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[\\d.]+ (B|KiB|MiB)$"));
        var replayRows = ui.Page.Locator("#wal-replay tr");
        await Assertions.Expect(replayRows.Filter(new LocatorFilterOptions { HasText = "Samples restored" }).Locator("td"))
            .ToHaveTextAsync(Count(replay.GetProperty("samples").GetInt64()));
        await Assertions.Expect(replayRows.Filter(new LocatorFilterOptions { HasText = "Series restored" }).Locator("td"))
            .ToHaveTextAsync(Count(replay.GetProperty("series").GetInt64()));
        await Assertions.Expect(replayRows.Filter(new LocatorFilterOptions { HasText = "Corruptions" }).Locator("td")).ToHaveTextAsync("none");
        await ui.ScreenshotAsync("tsdb-status-storage");

        // At phone width the block table scrolls inside its card instead of widening the page.
        await ui.Page.SetViewportSizeAsync(390, 800);
        var overflow = await ui.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "the TSDB status page scrolls sideways at phone width");
        ui.AssertClean();
    }

    /// <summary>The page's time format: ISO 8601 in UTC to the second.</summary>
    private static string FormatTime(long milliseconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds(milliseconds).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
