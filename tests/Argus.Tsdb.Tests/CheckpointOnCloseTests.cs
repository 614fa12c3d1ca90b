using Argus.Storage;
using static Argus.Tsdb.Tests.StorageTestHelpers;

namespace Argus.Tsdb.Tests;

/// <summary>A clean close folds the WAL into a checkpoint of the head's chunks (TsdbOptions.CheckpointOnClose).</summary>
public class CheckpointOnCloseTests
{
    private const int SeriesCount = 50;
    private const int SamplesPerSeries = 400;

    /// <summary>Counters and gauges at 15 s (a scrape's shape), committed one scrape at a time.</summary>
    private static Dictionary<string, List<(long T, ulong Bits)>> Fill(TsdbStorage db, int fromStep, int steps)
    {
        var expected = new Dictionary<string, List<(long, ulong)>>();
        var refs = new SeriesRef[SeriesCount];
        for (var step = fromStep; step < fromStep + steps; step++)
        {
            var appender = db.CreateAppender();
            for (var s = 0; s < SeriesCount; s++)
            {
                var labels = Series(s % 2 == 0 ? "requests_total" : "temperature", "instance", "host-" + s);
                var t = (step * 15_000L) + s;
                var v = s % 2 == 0 ? step * (s + 1) * 3.0 : 20 + ((step / 20) % 5) + s;
                Assert.Equal(AppendStatus.Ok, appender.Append(ref refs[s], labels, t, v));
                if (!expected.TryGetValue(labels.ToString(), out var list))
                {
                    expected[labels.ToString()] = list = [];
                }
                list.Add((t, BitConverter.DoubleToUInt64Bits(v)));
            }
            appender.Commit();
        }
        return expected;
    }

    private static long SegmentBytes(string dir) =>
        Directory.GetFiles(Path.Combine(dir, "wal")).Sum(f => new FileInfo(f).Length);

    [Fact]
    public void A_clean_close_leaves_chunks_instead_of_samples_and_the_next_start_restores_every_sample()
    {
        using var dir = new TempDir();
        Dictionary<string, List<(long T, ulong Bits)>> expected;
        long bytesBeforeClose;
        using (var db = TsdbStorage.Open(Options(dir.Path)))
        {
            expected = Fill(db, 0, SamplesPerSeries);
            bytesBeforeClose = db.DiskBytes();
        }
        // Every segment the checkpoint covers is gone; what is left is the empty segment the close opened.
        Assert.Equal(0, SegmentBytes(dir.Path));
        Assert.Single(Directory.GetDirectories(Path.Combine(dir.Path, "wal"), "checkpoint.*"));

        using var reopened = TsdbStorage.Open(Options(dir.Path));
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), ReadAll(reopened).Keys.Order(StringComparer.Ordinal));
        foreach (var (key, samples) in ReadAll(reopened))
        {
            Assert.Equal(expected[key], samples);
        }
        var replay = reopened.GetWalStatus().Replay;
        Assert.Equal(SeriesCount * SamplesPerSeries, replay.Samples);
        Assert.Equal(SeriesCount, replay.Series);
        // Compressed chunks take a fraction of the raw samples' WAL records (16+ bytes a sample there).
        var bytesAfterClose = reopened.DiskBytes();
        Assert.True(bytesAfterClose * 3 < bytesBeforeClose, $"{bytesAfterClose} bytes after the close, {bytesBeforeClose} before");
    }

    [Fact]
    public void Series_go_on_after_a_checkpointed_restart_and_survive_further_restarts()
    {
        using var dir = new TempDir();
        var expected = new Dictionary<string, List<(long T, ulong Bits)>>();
        for (var round = 0; round < 3; round++)
        {
            using var db = TsdbStorage.Open(Options(dir.Path));
            foreach (var (key, samples) in ReadAll(db))
            {
                Assert.Equal(expected[key], samples);
            }
            if (round > 0)
            {
                // The restored head still knows each series' newest sample: an older one is out of order,
                // another value at the same timestamp a duplicate.
                var probe = Series("requests_total", "instance", "host-0");
                var lastT = expected[probe.ToString()][^1].T;
                Assert.Equal(AppendStatus.OutOfOrder, AppendOne(db, probe, lastT - 1, 1));
                Assert.Equal(AppendStatus.Duplicate, AppendOne(db, probe, lastT, -1));
            }
            foreach (var (key, samples) in Fill(db, round * 100, 100))
            {
                if (!expected.TryGetValue(key, out var list))
                {
                    expected[key] = list = [];
                }
                list.AddRange(samples);
            }
        }
        using var final = TsdbStorage.Open(Options(dir.Path));
        var read = ReadAll(final);
        Assert.Equal(SeriesCount, read.Count);
        foreach (var (key, samples) in read)
        {
            Assert.Equal(expected[key], samples);
        }
        // Each close replaced the previous checkpoint.
        Assert.Single(Directory.GetDirectories(Path.Combine(dir.Path, "wal"), "checkpoint.*"));
    }

    [Fact]
    public void Without_the_option_a_close_leaves_the_wal_as_it_is()
    {
        using var dir = new TempDir();
        using (var db = TsdbStorage.Open(Options(dir.Path) with { CheckpointOnClose = false }))
        {
            Fill(db, 0, 40);
        }
        Assert.Empty(Directory.GetDirectories(Path.Combine(dir.Path, "wal"), "checkpoint.*"));
        Assert.True(SegmentBytes(dir.Path) > SeriesCount * 40 * 8);
    }

    [Fact]
    public void A_restart_with_more_series_than_hash_stripes_finds_each_series_again_by_its_labels()
    {
        // More series than the head has stripes, so replay sizes the stripes up front (ReserveForReplay).
        const int Many = 12_000;
        using var dir = new TempDir();
        var labels = Enumerable.Range(0, Many).Select(i => Series("wide_metric", "instance", "host-" + (i / 100), "slot", (i % 100).ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray();
        using (var db = TsdbStorage.Open(Options(dir.Path)))
        {
            var appender = db.CreateAppender();
            foreach (var l in labels)
            {
                var none = SeriesRef.None;
                Assert.Equal(AppendStatus.Ok, appender.Append(ref none, l, 1000, 1));
            }
            appender.Commit();
        }
        using var reopened = TsdbStorage.Open(Options(dir.Path));
        Assert.Equal(Many, reopened.Stats.HeadSeries);
        var again = reopened.CreateAppender();
        foreach (var l in labels)
        {
            var none = SeriesRef.None;
            Assert.Equal(AppendStatus.Ok, again.Append(ref none, l, 2000, 2));
        }
        again.Commit();
        // Appending by labels found the replayed series: no series was created twice.
        Assert.Equal(Many, reopened.Stats.HeadSeries);
        Assert.Equal(Many, reopened.Stats.HeadSeriesCreated);
        Assert.All(ReadAll(reopened).Values, samples => Assert.Equal([1000L, 2000L], samples.Select(s => s.T)));
    }
}
