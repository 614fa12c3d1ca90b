using Argus.Model.Labels;
using Argus.Storage;
using Xunit.Abstractions;
using static Argus.Tsdb.Tests.StorageTestHelpers;

namespace Argus.Tsdb.Tests;

public class BlockTests(ITestOutputHelper output)
{
    private const long Hour = 3_600_000;

    private static TsdbOptions BlockOptions(string dir) => Options(dir) with { BlockDuration = TimeSpan.FromHours(1) };

    /// <summary>Appends 10 series at 15 s from <paramref name="fromMs"/> to <paramref name="toMs"/> (exclusive).</summary>
    private static void Fill(TsdbStorage db, long fromMs, long toMs, int seed = 5)
    {
        var random = new Random(seed);
        var refs = new SeriesRef[10];
        for (var t = fromMs; t < toMs; t += 15_000)
        {
            var appender = db.CreateAppender();
            for (var s = 0; s < 10; s++)
            {
                var labels = Series("m", "s", s.ToString(System.Globalization.CultureInfo.InvariantCulture));
                Assert.Equal(AppendStatus.Ok, appender.Append(ref refs[s], labels, t, Math.Round(random.NextDouble() * 100, 2)));
            }
            appender.Commit();
        }
    }

    [Fact]
    public void Head_is_cut_into_blocks_that_queries_and_restarts_see_transparently()
    {
        using var dir = new TempDir();
        Dictionary<string, List<(long T, ulong Bits)>> before;
        using (var db = TsdbStorage.Open(BlockOptions(dir.Path)))
        {
            Fill(db, 0, 3 * Hour);
            before = ReadAll(db);
            db.Compact();
            Assert.Equal(2, db.BlockCount);
            Assert.Equal(2, db.Stats.Blocks);
            Assert.True(db.Stats.BlockBytes > 0);
            var after = ReadAll(db);
            Assert.Equal(before.Keys, after.Keys);
            foreach (var key in before.Keys)
            {
                Assert.Equal(before[key], after[key]);
            }
            Assert.Equal(AppendStatus.TooOld, AppendOne(db, Series("m", "s", "0"), Hour, 1));
            using var querier = db.CreateQuerier(Hour / 2, Hour + (Hour / 2));
            Assert.Equal(["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"], querier.LabelValues("s"));
        }
        var blockDirs = Directory.GetDirectories(dir.Path, "b-*");
        Assert.Equal(2, blockDirs.Length);
        Assert.All(blockDirs, d =>
        {
            Assert.True(File.Exists(Path.Combine(d, "meta.json")));
            Assert.True(File.Exists(Path.Combine(d, "index")));
            Assert.True(File.Exists(Path.Combine(d, "chunks", "000001")));
        });
        using var reopened = TsdbStorage.Open(BlockOptions(dir.Path));
        Assert.Equal(2, reopened.BlockCount);
        var replayed = ReadAll(reopened);
        foreach (var key in before.Keys)
        {
            Assert.Equal(before[key], replayed[key]);
        }
    }

    [Fact]
    public void Adjacent_blocks_are_compacted_into_a_larger_range_without_losing_samples()
    {
        using var dir = new TempDir();
        using var db = TsdbStorage.Open(BlockOptions(dir.Path));
        Fill(db, 0, 5 * Hour);
        var before = ReadAll(db);
        db.Compact();
        var after = ReadAll(db);
        foreach (var key in before.Keys)
        {
            Assert.Equal(before[key], after[key]);
        }
        var metas = Directory.GetDirectories(dir.Path, "b-*").Select(d => File.ReadAllText(Path.Combine(d, "meta.json"))).ToArray();
        Assert.Contains(metas, m => m.Contains("\"level\": 2", StringComparison.Ordinal) && m.Contains("\"maxTime\": 10800000", StringComparison.Ordinal));
        Assert.Equal(db.BlockCount, metas.Length);
        Assert.True(db.Stats.Compactions >= 4, $"compactions {db.Stats.Compactions}");
    }

    [Fact]
    public void Deletions_in_blocks_hide_samples_at_once_and_clean_tombstones_rewrites_the_block()
    {
        using var dir = new TempDir();
        using var db = TsdbStorage.Open(BlockOptions(dir.Path));
        Fill(db, 0, 3 * Hour);
        db.Compact();
        var matcher = LabelMatcher.Equal("s", "3");
        Assert.True(db.DeleteSeries([matcher], 0, (Hour / 2) - 1) >= 1);
        var key = Series("m", "s", "3").ToString();
        Assert.Equal(Hour / 2, ReadAll(db)[key][0].T);
        var blocksBefore = Directory.GetDirectories(dir.Path, "b-*").Order(StringComparer.Ordinal).ToArray();
        db.CleanTombstones();
        var blocksAfter = Directory.GetDirectories(dir.Path, "b-*").Order(StringComparer.Ordinal).ToArray();
        Assert.NotEqual(blocksBefore, blocksAfter);
        Assert.Empty(Directory.GetFiles(dir.Path, "tombstones.json", SearchOption.AllDirectories));
        Assert.Equal(Hour / 2, ReadAll(db)[key][0].T);
        Assert.Equal(0, ReadAll(db)[Series("m", "s", "4").ToString()][0].T);
    }

    [Fact]
    public void Retention_by_time_deletes_whole_blocks_that_fell_out_of_the_window()
    {
        using var dir = new TempDir();
        using var db = TsdbStorage.Open(BlockOptions(dir.Path) with { RetentionTime = TimeSpan.FromHours(2) });
        Fill(db, 0, 4 * Hour);
        db.Compact();
        var oldest = ReadAll(db).Values.Min(v => v[0].T);
        Assert.True(oldest >= Hour, $"oldest sample {oldest}");
        Assert.All(Directory.GetDirectories(dir.Path, "b-*"), d => Assert.DoesNotContain("\"minTime\": 0,", File.ReadAllText(Path.Combine(d, "meta.json")), StringComparison.Ordinal));
    }

    [Fact]
    public void Block_bytes_per_sample_on_the_comparison_data_set_is_reported()
    {
        // The load tool's data set as bench/compare.sh sends it (15 s interval): 4 hosts, about 950 series,
        // 3 h; the first two hours become blocks.
        using var dir = new TempDir();
        var data = new Argus.LoadTool.Data.NodeLikeDataSet(950, 3 * 240, 15_000, 3 * Hour);
        Dictionary<string, List<(long T, ulong Bits)>> before;
        using (var db = TsdbStorage.Open(BlockOptions(dir.Path)))
        {
            var refs = new SeriesRef[data.Series.Length];
            var labels = data.Series.Select(s => LabelSet.FromPairs(s.LabelPairs)).ToArray();
            for (var step = 0; step < data.SamplesPerSeries; step++)
            {
                var appender = db.CreateAppender();
                for (var s = 0; s < data.Series.Length; s++)
                {
                    Assert.Equal(AppendStatus.Ok, appender.Append(ref refs[s], labels[s], data.Timestamp(s, step), data.NextValue(s, step)));
                }
                appender.Commit();
            }
            before = ReadAll(db);
            db.Compact();
            Assert.Equal(before, ReadAll(db));
        }
        var (chunks, index, samples) = BlockSizes(dir.Path);
        output.WriteLine($"block bytes per sample on the comparison data set: chunks {chunks / (double)samples:F2}, chunks+index {(chunks + index) / (double)samples:F2} ({samples} samples in blocks)");
        Assert.InRange(chunks / (double)samples, 0.1, 2.4);
    }

    /// <summary>Bytes of the chunk files and index files of every block under <paramref name="dir"/> and the samples they hold.</summary>
    private static (long Chunks, long Index, long Samples) BlockSizes(string dir)
    {
        var blockDirs = Directory.GetDirectories(dir, "b-*");
        var samples = blockDirs.Sum(d => System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(d, "meta.json"))).RootElement.GetProperty("numSamples").GetInt64());
        return (blockDirs.Sum(d => new FileInfo(Path.Combine(d, "chunks", "000001")).Length), blockDirs.Sum(d => new FileInfo(Path.Combine(d, "index")).Length), samples);
    }

    [Fact]
    public void Block_bytes_per_sample_on_node_exporter_like_data_is_reported()
    {
        // 2 instances x 100 metrics x 2 variants = 400 series, 3 h at 15 s; the first two hours become blocks.
        using var dir = new TempDir();
        var data = new Argus.Benchmarks.Data.NodeExporterLikeData(instances: 2);
        Dictionary<string, List<(long T, ulong Bits)>> before;
        using (var db = TsdbStorage.Open(BlockOptions(dir.Path)))
        {
            var refs = new SeriesRef[data.Series.Length];
            for (var step = 0; step < 3 * 240; step++)
            {
                var appender = db.CreateAppender();
                for (var s = 0; s < data.Series.Length; s++)
                {
                    Assert.Equal(AppendStatus.Ok, appender.Append(ref refs[s], data.Series[s], data.Timestamp(step, s) - 1_700_000_000_000L, data.NextValue(s)));
                }
                appender.Commit();
            }
            before = ReadAll(db);
            db.Compact();
            Assert.Equal(before, ReadAll(db));
        }
        var blockDirs = Directory.GetDirectories(dir.Path, "b-*");
        var chunkBytes = blockDirs.Sum(d => new FileInfo(Path.Combine(d, "chunks", "000001")).Length);
        var indexBytes = blockDirs.Sum(d => new FileInfo(Path.Combine(d, "index")).Length);
        using (var reopened = TsdbStorage.Open(BlockOptions(dir.Path)))
        {
            Assert.Equal(before, ReadAll(reopened));
        }
        var samples = (double)data.Series.Length * 2 * 240;
        var perSample = chunkBytes / samples;
        output.WriteLine($"block bytes per sample on node-exporter-like data: chunks {perSample:F2}, chunks+index {(chunkBytes + indexBytes) / samples:F2}");
        Assert.InRange(perSample, 0.5, 3.5);
    }
}
