using System.Net;
using System.Text.Json;
using Argus.Model.Labels;
using Argus.Storage;
using Argus.Tsdb;
using Argus.Web.Api.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;

namespace Argus.Web.Tests.Api;

/// <summary>
/// <c>/api/v1/status/walreplay</c>, <c>/api/v1/status/tsdb/wal</c> and <c>/api/v1/status/tsdb/blocks</c> over a real
/// TSDB in a temporary directory: reopened (so replay has segments to read), damaged (so replay repairs), checkpointed
/// and compacted into blocks of two levels.
/// </summary>
public sealed class StorageStatusApiTests : IDisposable
{
    private const long Minute = 60_000;
    private readonly string _dir = Directory.CreateTempSubdirectory("argus-storage-status-").FullName;
    private TsdbStorage? _storage;

    public void Dispose()
    {
        _storage?.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private TsdbStorage Open() => _storage = TsdbStorage.Open(new TsdbOptions
    {
        Dir = _dir,
        BlockDuration = TimeSpan.FromHours(1),
        CompactionInterval = TimeSpan.Zero,
        // These tests read the segments earlier runs left behind, as after a crash; a clean close would fold
        // them into a checkpoint (covered by the TSDB's CheckpointOnCloseTests).
        CheckpointOnClose = false,
    });

    /// <summary>One sample a minute for each of <paramref name="series"/> series in [from, to] minutes.</summary>
    private static void Append(TsdbStorage storage, int series, long fromMinute, long toMinute)
    {
        var appender = storage.CreateAppender();
        for (var i = 0; i < series; i++)
        {
            var reference = SeriesRef.None;
            var labels = LabelSet.FromPairs("__name__", "temperature", "room", "r" + i);
            for (var minute = fromMinute; minute <= toMinute; minute++)
            {
                Assert.Equal(AppendStatus.Ok, appender.Append(ref reference, labels, minute * Minute, minute));
            }
        }
        appender.Commit();
    }

    private async Task<JsonElement> GetDataAsync(string url)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        await using var app = builder.Build();
        new AdminApi(() => _storage, _dir, adminEnabled: false).Map(app);
        await app.StartAsync();
        var response = await app.GetTestClient().GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        using var doc = JsonDocument.Parse(body);
        Assert.Equal("success", doc.RootElement.GetProperty("status").GetString());
        return doc.RootElement.GetProperty("data").Clone();
    }

    [Fact]
    public async Task Wal_status_shows_the_segments_replay_read_and_a_checkpoint_once_written()
    {
        Open();
        Append(_storage!, series: 2, 0, 9);
        _storage!.Dispose();
        Open();
        Append(_storage!, series: 2, 10, 14);
        _storage!.Dispose();
        Open();

        var wal = await GetDataAsync("/api/v1/status/tsdb/wal");
        var replay = wal.GetProperty("replay");
        Assert.Equal(30, replay.GetProperty("samples").GetInt64());
        Assert.Equal(2, replay.GetProperty("series").GetInt64());
        Assert.Equal(0, replay.GetProperty("firstSegment").GetInt64());
        var lastReplayed = replay.GetProperty("lastSegment").GetInt64();
        Assert.True(lastReplayed >= 1, "two runs wrote two segments at least: " + wal);
        Assert.Equal(lastReplayed + 1, replay.GetProperty("filesRead").GetInt32());
        Assert.Equal(0, replay.GetProperty("corruptionsRepaired").GetInt64());
        Assert.True(replay.GetProperty("durationMilliseconds").GetInt64() >= 0);
        // The segments replayed plus the one this run writes.
        Assert.Equal(lastReplayed + 2, wal.GetProperty("segments").GetInt32());
        Assert.Equal(0, wal.GetProperty("firstSegment").GetInt64());
        Assert.Equal(lastReplayed + 1, wal.GetProperty("lastSegment").GetInt64());
        Assert.True(wal.GetProperty("diskBytes").GetInt64() > 0);
        Assert.Equal(JsonValueKind.Null, wal.GetProperty("checkpoint").ValueKind);
        Assert.Equal(0, wal.GetProperty("checkpointsWritten").GetInt64());

        var progress = await GetDataAsync("/api/v1/status/walreplay");
        Assert.Equal($$"""{"min":0,"max":{{lastReplayed}},"current":{{lastReplayed}}}""", progress.GetRawText());

        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        _storage!.Checkpoint();
        wal = await GetDataAsync("/api/v1/status/tsdb/wal");
        var checkpoint = wal.GetProperty("checkpoint");
        Assert.Equal(lastReplayed + 1, checkpoint.GetProperty("segment").GetInt64());
        Assert.InRange(DateTimeOffset.Parse(checkpoint.GetProperty("writtenAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
            before, DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Equal(1, wal.GetProperty("checkpointsWritten").GetInt64());
        // The checkpoint covers every segment up to the one it cut; only the new one remains.
        Assert.Equal(1, wal.GetProperty("segments").GetInt32());
    }

    [Fact]
    public async Task Wal_status_counts_a_damaged_segment_that_replay_repaired()
    {
        Open();
        Append(_storage!, series: 1, 0, 9);
        _storage!.Dispose();
        var segment = Directory.EnumerateFiles(Path.Combine(_dir, "wal")).Single(f => Path.GetFileName(f) == "00000000");
        await File.AppendAllTextAsync(segment, "this is not a WAL record, it is damage at the tail");
        Open();

        var replay = (await GetDataAsync("/api/v1/status/tsdb/wal")).GetProperty("replay");
        Assert.Equal(1, replay.GetProperty("corruptionsRepaired").GetInt64());
        Assert.True(replay.GetProperty("bytesDiscarded").GetInt64() > 0);
        Assert.Equal(10, replay.GetProperty("samples").GetInt64());
    }

    [Fact]
    public async Task Blocks_lists_each_block_with_its_range_counts_size_and_compaction_level()
    {
        Open();
        Assert.Equal("[]", (await GetDataAsync("/api/v1/status/tsdb/blocks")).GetRawText());
        // 4 h 36 min of data: the head cuts one-hour blocks while it spans more than 1.5 h, and the first three
        // are compacted into one three-hour block of level 2.
        Append(_storage!, series: 3, 0, 276);
        _storage!.Compact();

        var blocks = (await GetDataAsync("/api/v1/status/tsdb/blocks")).EnumerateArray().ToList();
        Assert.Equal(2, blocks.Count);
        var (merged, cut) = (blocks[0], blocks[1]);
        Assert.Equal(0, merged.GetProperty("minTime").GetInt64());
        Assert.Equal(180 * Minute, merged.GetProperty("maxTime").GetInt64());
        Assert.Equal(3, merged.GetProperty("numSeries").GetInt64());
        Assert.Equal(3 * 180, merged.GetProperty("numSamples").GetInt64());
        Assert.Equal(2, merged.GetProperty("level").GetInt32());
        Assert.Equal(180 * Minute, cut.GetProperty("minTime").GetInt64());
        Assert.Equal(240 * Minute, cut.GetProperty("maxTime").GetInt64());
        Assert.Equal(3 * 60, cut.GetProperty("numSamples").GetInt64());
        Assert.Equal(1, cut.GetProperty("level").GetInt32());
        foreach (var block in blocks)
        {
            var id = block.GetProperty("id").GetString()!;
            Assert.Matches("^b-[0-9]{15}-[0-9a-f]{32}$", id);
            Assert.True(Directory.Exists(Path.Combine(_dir, id)), "the id names the block's directory");
            Assert.True(block.GetProperty("numChunks").GetInt64() >= 3);
            Assert.True(block.GetProperty("bytes").GetInt64() > 0);
            Assert.False(block.GetProperty("hasTombstones").GetBoolean());
        }
    }
}
