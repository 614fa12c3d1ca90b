using Argus.Model;
using Argus.Model.Labels;
using Argus.Storage;
using static Argus.Tsdb.Tests.StorageTestHelpers;
using MatchType = Argus.Model.Labels.MatchType;

namespace Argus.Tsdb.Tests;

public class WalRecoveryTests
{
    /// <summary>Commits <paramref name="batches"/> batches of 10 series × 20 samples; returns what was committed.</summary>
    private static Dictionary<string, List<(long T, ulong Bits)>> Fill(TsdbStorage db, int batches, int seed = 1)
    {
        var expected = new Dictionary<string, List<(long, ulong)>>();
        var random = new Random(seed);
        var refs = new SeriesRef[10];
        for (var b = 0; b < batches; b++)
        {
            var appender = db.CreateAppender();
            var staged = new List<(string, long, ulong)>();
            for (var s = 0; s < 10; s++)
            {
                var labels = Series("metric_" + (s % 3), "instance", "host-" + s);
                for (var i = 0; i < 20; i++)
                {
                    var t = (((b * 20) + i) * 15_000L) + random.Next(0, 5);
                    var v = random.Next(10) == 0 ? StaleNaN.Value : Math.Round(random.NextDouble() * 1000, 2);
                    Assert.Equal(AppendStatus.Ok, appender.Append(ref refs[s], labels, t, v));
                    staged.Add((labels.ToString(), t, BitConverter.DoubleToUInt64Bits(v)));
                }
            }
            appender.Commit();
            foreach (var (key, t, bits) in staged)
            {
                if (!expected.TryGetValue(key, out var list))
                {
                    expected[key] = list = [];
                }
                list.Add((t, bits));
            }
        }
        return expected;
    }

    /// <summary>Options for a database whose WAL the test damages after closing it: a clean close would
    /// fold the segments into a checkpoint, which a crash (the case these tests stand for) never writes.</summary>
    private static TsdbOptions LeavingTheWal(string dir) => Options(dir) with { CheckpointOnClose = false };

    private static void AssertSame(Dictionary<string, List<(long T, ulong Bits)>> expected, Dictionary<string, List<(long T, ulong Bits)>> actual)
    {
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (key, samples) in expected)
        {
            Assert.Equal(samples, actual[key]);
        }
    }

    [Fact]
    public void Abandoned_storage_without_dispose_reopens_with_every_committed_sample()
    {
        using var dir = new TempDir();
        var crashed = TsdbStorage.Open(Options(dir.Path));
        var expected = Fill(crashed, 30);
        // Simulates kill -9: no Dispose, no fsync; the OS still has every written byte.
        using var reopened = TsdbStorage.Open(Options(dir.Path));
        AssertSame(expected, ReadAll(reopened));
        Assert.Equal(0, reopened.Stats.WalCorruptionsRepaired);
        // Appending continues after the replayed data, and series refs from the new instance work.
        Assert.Equal(AppendStatus.Ok, AppendOne(reopened, Series("metric_0", "instance", "host-0"), 1_000_000_000, 1));
        crashed.Dispose();
    }

    [Fact]
    public void Checkpoint_replaces_old_segments_and_replay_reads_it_back()
    {
        using var dir = new TempDir();
        Dictionary<string, List<(long, ulong)>> expected;
        using (var db = TsdbStorage.Open(Options(dir.Path) with { OutOfOrderWindow = TimeSpan.FromHours(1) }))
        {
            expected = Fill(db, 60);
            Assert.Equal(AppendStatus.Ok, AppendOne(db, Series("metric_0", "instance", "host-0"), (15_000 * 1150) + 7, 42));
            expected[Series("metric_0", "instance", "host-0").ToString()].Add(((15_000 * 1150) + 7, BitConverter.DoubleToUInt64Bits(42)));
            expected[Series("metric_0", "instance", "host-0").ToString()].Sort();
            var segmentsBefore = Directory.GetFiles(Path.Combine(dir.Path, "wal")).Length;
            Assert.True(segmentsBefore > 2, $"expected several segments, got {segmentsBefore}");
            db.Checkpoint();
            Assert.Single(Directory.GetDirectories(Path.Combine(dir.Path, "wal"), "checkpoint.*"));
            Assert.Single(Directory.GetFiles(Path.Combine(dir.Path, "wal")));
            AssertSame(expected, ReadAll(db));
            Assert.Equal(AppendStatus.Ok, AppendOne(db, Series("after_checkpoint"), 18_000_000, 1));
            Assert.Equal(AppendStatus.Ok, AppendOne(db, Series("metric_0", "instance", "host-0"), 18_000_000, 2));
            expected = ReadAll(db);
            Assert.Equal(11, expected.Count);
        }
        using var reopened = TsdbStorage.Open(Options(dir.Path) with { OutOfOrderWindow = TimeSpan.FromHours(1) });
        AssertSame(expected, ReadAll(reopened));
    }

    [Fact]
    public void Truncating_the_wal_at_random_offsets_keeps_the_prefix_and_reports_the_loss()
    {
        var random = new Random(11);
        for (var round = 0; round < 8; round++)
        {
            using var dir = new TempDir();
            using (var db = TsdbStorage.Open(LeavingTheWal(dir.Path) with { WalSegmentSize = 1 << 20 }))
            {
                Fill(db, 10);
            }
            var segment = Directory.GetFiles(Path.Combine(dir.Path, "wal")).Order(StringComparer.Ordinal).Last();
            var length = new FileInfo(segment).Length;
            var cut = random.NextInt64(1, length - 1);
            using (var stream = new FileStream(segment, FileMode.Open))
            {
                stream.SetLength(cut);
            }
            using var reopened = TsdbStorage.Open(Options(dir.Path) with { WalSegmentSize = 1 << 20 });
            var read = ReadAll(reopened);
            var total = read.Values.Sum(v => v.Count);
            Assert.InRange(total, 0, 2000);
            // Batches are all-or-nothing: whole batches of 200 survive.
            Assert.Equal(0, total % 200);
            Assert.Equal(cut, new FileInfo(segment).Length + reopened.Stats.WalBytesDiscarded);
            Assert.Equal(total == 2000 ? 0 : 1, reopened.Stats.WalCorruptionsRepaired);
            // The repaired WAL accepts new data and replays cleanly again.
            Assert.Equal(AppendStatus.Ok, AppendOne(reopened, Series("after_repair"), 5, 5));
        }
    }

    [Fact]
    public void Flipped_bytes_drop_only_what_follows_the_damage()
    {
        using var dir = new TempDir();
        Dictionary<string, List<(long T, ulong Bits)>> expected;
        using (var db = TsdbStorage.Open(LeavingTheWal(dir.Path) with { WalSegmentSize = 1 << 20 }))
        {
            expected = Fill(db, 10);
        }
        var segment = Directory.GetFiles(Path.Combine(dir.Path, "wal")).Order(StringComparer.Ordinal).Last();
        var bytes = File.ReadAllBytes(segment);
        var flipAt = bytes.Length * 2 / 3;
        bytes[flipAt] ^= 0x5a;
        File.WriteAllBytes(segment, bytes);

        using var reopened = TsdbStorage.Open(Options(dir.Path) with { WalSegmentSize = 1 << 20 });
        var read = ReadAll(reopened);
        Assert.Equal(1, reopened.Stats.WalCorruptionsRepaired);
        Assert.True(reopened.Stats.WalBytesDiscarded > 0);
        Assert.True(new FileInfo(segment).Length <= flipAt);
        var total = read.Values.Sum(v => v.Count);
        Assert.InRange(total, 1000, 1800);
        foreach (var (key, samples) in read)
        {
            Assert.Equal(expected[key].Take(samples.Count), samples);
        }
    }

    [Fact]
    public void Damage_in_an_early_segment_removes_the_later_segments()
    {
        using var dir = new TempDir();
        using (var db = TsdbStorage.Open(LeavingTheWal(dir.Path)))
        {
            Fill(db, 80);
        }
        var segments = Directory.GetFiles(Path.Combine(dir.Path, "wal")).Order(StringComparer.Ordinal).ToArray();
        Assert.True(segments.Length >= 3);
        var bytes = File.ReadAllBytes(segments[0]);
        bytes[bytes.Length / 2] ^= 0xff;
        File.WriteAllBytes(segments[0], bytes);
        using var reopened = TsdbStorage.Open(Options(dir.Path));
        Assert.Equal(1, reopened.Stats.WalCorruptionsRepaired);
        Assert.False(File.Exists(segments[^1]));
        Assert.True(ReadAll(reopened).Values.Sum(v => v.Count) < 16_000);
    }

    [Fact]
    public void Deleted_series_ranges_disappear_survive_restart_and_are_cleaned()
    {
        using var dir = new TempDir();
        var labels = Series("m", "k", "v");
        using (var db = TsdbStorage.Open(Options(dir.Path)))
        {
            var appender = db.CreateAppender();
            var series = SeriesRef.None;
            for (var i = 0; i < 10; i++)
            {
                appender.Append(ref series, labels, i * 1000L, i);
            }
            appender.Commit();
            AppendOne(db, Series("keep"), 1000, 1);
            Assert.Equal(1, db.DeleteSeries([LabelMatcher.Equal("k", "v")], 2000, 4000));
            Assert.Equal(7, ReadAll(db)[labels.ToString()].Count);
        }
        using (var db = TsdbStorage.Open(Options(dir.Path)))
        {
            Assert.Equal(7, ReadAll(db)[labels.ToString()].Count);
            db.CleanTombstones();
            Assert.Equal(new long[] { 0, 1000, 5000, 6000, 7000, 8000, 9000 }, ReadAll(db)[labels.ToString()].Select(s => s.T).ToArray());
            Assert.Equal(1, db.DeleteSeries([new LabelMatcher(MatchType.Regex, LabelNames.MetricName, "m")], long.MinValue, long.MaxValue));
            db.CleanTombstones();
            Assert.False(ReadAll(db).ContainsKey(labels.ToString()));
        }
        using (var db = TsdbStorage.Open(Options(dir.Path)))
        {
            Assert.Equal(["{__name__=\"keep\"}"], ReadAll(db).Keys);
        }
    }

    [Fact]
    public void Snapshot_directory_opens_as_a_database_with_the_same_data()
    {
        using var dir = new TempDir();
        using var snapshotDir = new TempDir();
        using var db = TsdbStorage.Open(Options(dir.Path));
        var expected = Fill(db, 5);
        var target = Path.Combine(snapshotDir.Path, "snap");
        db.Snapshot(target);
        using var copy = TsdbStorage.Open(Options(target));
        AssertSame(expected, ReadAll(copy));
        Assert.Throws<StorageException>(() => db.Snapshot(target));
    }

    [Fact]
    public void Retention_by_time_drops_old_chunks_and_rejects_samples_before_the_cutoff()
    {
        using var dir = new TempDir();
        using var db = TsdbStorage.Open(Options(dir.Path) with { RetentionTime = TimeSpan.FromHours(1) });
        var labels = Series("m");
        var appender = db.CreateAppender();
        var series = SeriesRef.None;
        for (var i = 0; i < 2000; i++)
        {
            appender.Append(ref series, labels, i * 15_000L, i);
        }
        appender.Commit();
        AppendOne(db, Series("old_only"), 0, 1);
        db.Compact();
        var samples = ReadAll(db);
        Assert.False(samples.ContainsKey(Series("old_only").ToString()));
        var kept = samples[labels.ToString()];
        Assert.True(kept[0].T >= (1999 * 15_000L) - 3_600_000 - (120 * 15_000L), $"oldest kept {kept[0].T}");
        Assert.Equal(1999 * 15_000L, kept[^1].T);
        Assert.True(db.Stats.HeadChunksRemoved > 0);
        Assert.Equal(AppendStatus.TooOld, AppendOne(db, Series("late"), 0, 1));
        Assert.Equal(1, db.Stats.WalCheckpoints);
    }

    [Fact]
    public void Retention_by_size_keeps_the_newest_data_within_the_limit()
    {
        using var dir = new TempDir();
        using var db = TsdbStorage.Open(Options(dir.Path) with { RetentionSize = 20_000 });
        var random = new Random(3);
        var appender = db.CreateAppender();
        var refs = new SeriesRef[20];
        for (var i = 0; i < 1200; i++)
        {
            for (var s = 0; s < 20; s++)
            {
                appender.Append(ref refs[s], Series("m", "s", s.ToString(System.Globalization.CultureInfo.InvariantCulture)), i * 15_000L, random.NextDouble());
            }
        }
        appender.Commit();
        db.Compact();
        Assert.True(db.DiskBytes() <= 20_000 * 2, $"disk bytes {db.DiskBytes()}");
        var all = ReadAll(db);
        Assert.All(all.Values, samples => Assert.Equal(1199 * 15_000L, samples[^1].T));
        Assert.True(all.Values.Sum(v => v.Count) < 24_000);
    }
}
