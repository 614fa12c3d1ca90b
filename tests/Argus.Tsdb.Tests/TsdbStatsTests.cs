using Argus.Model.Labels;
using Argus.Storage;
using static Argus.Tsdb.Tests.StorageTestHelpers;

namespace Argus.Tsdb.Tests;

/// <summary>The self-statistics behind the <c>argus_tsdb_*</c> metrics count what really happened.</summary>
public class TsdbStatsTests
{
    [Fact]
    public void Statistics_count_appends_rejections_chunks_wal_activity_checkpoints_and_blocks()
    {
        using var dir = new TempDir();
        using var db = TsdbStorage.Open(Options(dir.Path) with
        {
            OutOfOrderWindow = TimeSpan.FromMinutes(30),
            BlockDuration = TimeSpan.FromHours(1),
            WalSyncEveryCommit = true,
        });
        var a = Series("stats_probe", "s", "a");
        var b = Series("stats_probe", "s", "b");
        var appender = db.CreateAppender();
        SeriesRef refA = default, refB = default;
        for (var i = 0; i < 500; i++)
        {
            Assert.Equal(AppendStatus.Ok, appender.Append(ref refA, a, i * 15_000L, i));
            Assert.Equal(AppendStatus.Ok, appender.Append(ref refB, b, i * 15_000L, i));
        }
        appender.Commit();
        Assert.Equal(2, db.Stats.HeadSeries);
        Assert.Equal(2, db.Stats.HeadSeriesCreated);
        Assert.Equal(1000, db.Stats.SamplesAppended);
        Assert.Equal(2 * 5, db.Stats.HeadChunks); // 500 samples = 4 full chunks of 120 and one of 20, per series

        var last = 499 * 15_000L;
        Assert.Equal(AppendStatus.Ok, AppendOne(db, a, last - 7, 1));
        Assert.Equal(1, db.Stats.OutOfOrderSamplesAppended);
        Assert.Equal(AppendStatus.Duplicate, AppendOne(db, a, last, -1));
        Assert.Equal(1, db.Stats.DuplicateRejected);
        Assert.Equal(AppendStatus.TooOld, AppendOne(db, a, last - (31 * 60_000), 1));
        Assert.Equal(1, db.Stats.TooOldRejected);
        Assert.Equal(AppendStatus.InvalidLabels, AppendOne(db, LabelSet.Empty, last, 1));
        Assert.Equal(1, db.Stats.InvalidLabelsRejected);
        Assert.Equal(1001, db.Stats.SamplesAppended);

        Assert.True(db.Stats.WalBytes > 1000 * 9, $"WAL bytes written {db.Stats.WalBytes}");
        Assert.Equal(db.Stats.WalBytes, db.Stats.WalDiskBytes);
        Assert.True(db.Stats.WalFsyncs >= 2, $"fsyncs {db.Stats.WalFsyncs}");
        Assert.True(db.Stats.WalFsyncMicroseconds > 0);

        db.Compact();
        Assert.True(db.Stats.Compactions >= 1, $"compactions {db.Stats.Compactions}");
        Assert.Equal(db.BlockCount, db.Stats.Blocks);
        Assert.True(db.Stats.Blocks >= 1);
        Assert.True(db.Stats.BlockBytes > 0);
        Assert.True(db.Stats.HeadChunks < 10, $"head chunks after the cut {db.Stats.HeadChunks}");
        Assert.True(db.Stats.HeadChunksRemoved > 0);
        Assert.Equal(1, db.Stats.WalCheckpoints);
        Assert.True(db.Stats.WalTruncationMicroseconds > 0);
        Assert.True(db.Stats.WalDiskBytes > 0);

        using var strict = new TempDir();
        using var noWindow = TsdbStorage.Open(Options(strict.Path));
        Assert.Equal(AppendStatus.Ok, AppendOne(noWindow, a, 1000, 1));
        Assert.Equal(AppendStatus.OutOfOrder, AppendOne(noWindow, a, 999, 1));
        Assert.Equal(1, noWindow.Stats.OutOfOrderRejected);
    }
}
