using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Argus.WebUi.Tests;

/// <summary>
/// The TSDB status page's write-ahead log and block sections against the real server, whose data directory the
/// fixture filled with backfilled history: every figure the page shows is the one the API gives.
/// </summary>
[Collection(UiCollection.Name)]
public sealed class StoragePageTests(UiFixture fixture)
{
    /// <summary>The page's number format (en-US grouping, which the invariant culture shares).</summary>
    private static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private async Task<JsonElement> DataAsync(string path) =>
        JsonDocument.Parse(await fixture.Argus.Http.GetStringAsync(path)).RootElement.GetProperty("data").Clone();

    [Fact]
    public async Task Tsdb_status_shows_the_wal_its_replay_and_every_block_as_the_api_reports_them()
    {
        var wal = await DataAsync("/api/v1/status/tsdb/wal");
        var replay = wal.GetProperty("replay");
        Assert.True(replay.GetProperty("samples").GetInt64() > 0, "the backfill left samples in the head for replay: " + wal);

        await using var ui = await fixture.OpenAsync("/tsdb-status");
        var blocks = await BlocksAsShownAsync(ui);
        Assert.NotEmpty(blocks);
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

        await Assertions.Expect(Cell(ui, "wal-stats", "Segments"))
            .ToHaveTextAsync(new Regex("^\\d+ \\("));
        await Assertions.Expect(Cell(ui, "wal-stats", "Size on disk"))
            .ToHaveTextAsync(new Regex("^[\\d.]+ (B|KiB|MiB)$"));
        await Assertions.Expect(Cell(ui, "wal-replay", "Samples restored"))
            .ToHaveTextAsync(Count(replay.GetProperty("samples").GetInt64()));
        await Assertions.Expect(Cell(ui, "wal-replay", "Series restored"))
            .ToHaveTextAsync(Count(replay.GetProperty("series").GetInt64()));
        await Assertions.Expect(Cell(ui, "wal-replay", "Corruptions")).ToHaveTextAsync("none");
        await Assertions.Expect(Cell(ui, "wal-stats", "Last checkpoint"))
            .ToHaveTextAsync(new Regex("^(none yet|covers segments up to \\d+, written .+ ago)$"));
        await ui.ScreenshotAsync("tsdb-status-storage");

        // At phone width the block table scrolls inside its card instead of widening the page.
        await ui.Page.SetViewportSizeAsync(390, 800);
        var overflow = await ui.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "the TSDB status page scrolls sideways at phone width");
        ui.AssertClean();
    }

    /// <summary>The blocks the API lists, once the page lists the same ones. The server's first compaction (a minute
    /// after start) cuts the backfilled head into more blocks; when it lands between page and API, reload.</summary>
    private async Task<List<JsonElement>> BlocksAsShownAsync(UiSession ui)
    {
        for (var attempt = 1; ; attempt++)
        {
            await ui.Page.Locator("#blocks").WaitForAsync();
            var shown = (await ui.Page.Locator("#blocks tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.blockId)")).ToList();
            var listed = (await DataAsync("/api/v1/status/tsdb/blocks")).EnumerateArray().ToList();
            if (shown.SequenceEqual(listed.Select(b => b.GetProperty("id").GetString())) || attempt == 3)
            {
                Assert.Equal(listed.Select(b => b.GetProperty("id").GetString()), shown);
                return listed;
            }
            await ui.Page.ReloadAsync();
        }
    }

    /// <summary>The value cell of the row headed exactly <paramref name="header"/> in the table <paramref name="table"/>.</summary>
    private static ILocator Cell(UiSession ui, string table, string header) =>
        ui.Page.Locator($"#{table} tr:has(th:text-is(\"{header}\")) td");

    /// <summary>The page's time format: ISO 8601 in UTC to the second.</summary>
    private static string FormatTime(long milliseconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds(milliseconds).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
