using System.Globalization;
using System.Text.Json;
using Argus.Model.Formatting;
using Argus.Model.Labels;
using Argus.PromQL.Parser;
using Argus.Scrape.Parsing;
using Argus.Storage;
using Argus.Tsdb;

namespace Argus.Server.Tsdb;

/// <summary>
/// <c>argus tsdb list|analyze|dump|create-blocks-from openmetrics</c>: offline tools over a data directory,
/// in the manner of <c>promtool tsdb</c>. Exit codes: 0 success, 1 bad input or unreadable data.
/// </summary>
/// <remarks>
/// <c>list</c> only reads block <c>meta.json</c> files, so it is safe next to a running server.
/// <c>analyze</c> and <c>dump</c> must replay the WAL, and opening a TSDB repairs torn WAL tails and may
/// checkpoint, which must never happen to a directory a running server writes to. They therefore open a
/// private copy of the directory in the temp folder (deleted afterwards): the original is never written,
/// at the price of copying it.
/// </remarks>
public static class TsdbCommands
{
    private const int ExitOk = 0;
    private const int ExitInvalid = 1;

    /// <summary>Prints one line per block: ULID, time range, duration, samples, chunks, series, size.</summary>
    public static int List(string dir, bool humanReadable, TextWriter output, TextWriter error)
    {
        if (!Directory.Exists(dir))
        {
            error.WriteLine($"argus tsdb list: data directory {dir} does not exist");
            return ExitInvalid;
        }
        var rows = new List<string[]>();
        foreach (var blockDir in Directory.EnumerateDirectories(dir).Order(StringComparer.Ordinal))
        {
            var metaPath = Path.Combine(blockDir, "meta.json");
            if (!File.Exists(metaPath))
            {
                continue;
            }
            JsonElement meta;
            try
            {
                using var doc = JsonDocument.Parse(File.ReadAllBytes(metaPath));
                meta = doc.RootElement.Clone();
            }
            catch (JsonException ex)
            {
                error.WriteLine($"argus tsdb list: {metaPath}: invalid block metadata: {ex.Message}");
                return ExitInvalid;
            }
            var minTime = Long(meta, "minTime");
            var maxTime = Long(meta, "maxTime");
            var size = Directory.EnumerateFiles(blockDir, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
            rows.Add(
            [
                meta.TryGetProperty("id", out var id) ? id.GetString() ?? Path.GetFileName(blockDir) : Path.GetFileName(blockDir),
                humanReadable ? FormatTime(minTime) : minTime.ToString(CultureInfo.InvariantCulture),
                humanReadable ? FormatTime(maxTime) : maxTime.ToString(CultureInfo.InvariantCulture),
                humanReadable ? FormatDuration(maxTime - minTime) : (maxTime - minTime).ToString(CultureInfo.InvariantCulture) + "ms",
                Long(meta, "numSamples").ToString(CultureInfo.InvariantCulture),
                Long(meta, "numChunks").ToString(CultureInfo.InvariantCulture),
                Long(meta, "numSeries").ToString(CultureInfo.InvariantCulture),
                humanReadable ? FormatBytes(size) : size.ToString(CultureInfo.InvariantCulture),
            ]);
        }
        WriteTable(output, ["BLOCK ULID", "MIN TIME", "MAX TIME", "DURATION", "NUM SAMPLES", "NUM CHUNKS", "NUM SERIES", "SIZE"], rows);
        return ExitOk;
    }

    /// <summary>Prints head statistics and the highest-cardinality metric names, label names and pairs.</summary>
    public static int Analyze(string dir, int limit, TextWriter output, TextWriter error)
    {
        if (limit < 1)
        {
            error.WriteLine($"argus tsdb analyze: --limit must be positive, got {limit}");
            return ExitInvalid;
        }
        return WithCopy("analyze", dir, error, storage =>
        {
            var status = storage.GetStatus(limit);
            output.WriteLine($"Block count: {storage.BlockCount}");
            output.WriteLine($"Head series: {status.NumSeries}");
            output.WriteLine($"Head label pairs: {status.NumLabelPairs}");
            output.WriteLine($"Head chunks: {status.ChunkCount}");
            if (status.NumSeries > 0 && status.MinTime != long.MinValue)
            {
                output.WriteLine($"Head time range: {FormatTime(status.MinTime)} to {FormatTime(status.MaxTime)}");
            }
            WriteSection(output, "Highest cardinality metric names", status.SeriesCountByMetricName);
            WriteSection(output, "Highest cardinality labels (distinct values)", status.LabelValueCountByLabelName);
            WriteSection(output, "Label names using the most memory (bytes of values)", status.MemoryInBytesByLabelName);
            WriteSection(output, "Most common label pairs (series)", status.SeriesCountByLabelValuePair);
            return ExitOk;
        });
    }

    /// <summary>Prints every sample of the series matching <paramref name="match"/> in [minTime, maxTime]
    /// as <c>{labels} value timestamp</c>, series in label order.</summary>
    public static int Dump(string dir, string match, long minTime, long maxTime, TextWriter output, TextWriter error)
    {
        IReadOnlyList<LabelMatcher> matchers;
        try
        {
            matchers = PromqlParser.ParseSelector(match).Matchers;
        }
        catch (PromqlParseException ex)
        {
            error.WriteLine($"argus tsdb dump: invalid --match {match}: {ex.Message}");
            return ExitInvalid;
        }
        return WithCopy("dump", dir, error, storage =>
        {
            using var querier = storage.CreateQuerier(minTime, maxTime);
            var set = querier.Select(true, null, matchers);
            ISampleIterator? iterator = null;
            while (set.MoveNext())
            {
                var labels = set.Current.Labels.ToString();
                iterator = set.Current.Iterator(iterator);
                SampleKind kind;
                while ((kind = iterator.Next()) != SampleKind.None)
                {
                    if (iterator.Timestamp < minTime || iterator.Timestamp > maxTime)
                    {
                        continue;
                    }
                    output.Write(labels);
                    output.Write(' ');
                    output.Write(GoFloat.FormatG(iterator.Value));
                    output.Write(' ');
                    output.WriteLine(iterator.Timestamp.ToString(CultureInfo.InvariantCulture));
                }
                if (iterator.Error is { } iterationError)
                {
                    error.WriteLine($"argus tsdb dump: reading {labels}: {iterationError.Message}");
                    return ExitInvalid;
                }
            }
            if (set.Error is { } setError)
            {
                error.WriteLine($"argus tsdb dump: {setError.Message}");
                return ExitInvalid;
            }
            return ExitOk;
        });
    }

    /// <summary>
    /// Backfills <paramref name="file"/> (OpenMetrics text where every sample has a timestamp) into the TSDB at
    /// <paramref name="outputDir"/>, which must not exist or be empty; then cuts blocks so the data leaves the
    /// WAL. The result opens as an Argus data directory.
    /// </summary>
    public static int CreateBlocksFromOpenMetrics(string file, string outputDir, TextWriter output, TextWriter error)
    {
        const string Command = "argus tsdb create-blocks-from openmetrics";
        byte[] body;
        try
        {
            body = File.ReadAllBytes(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"{Command}: reading {file}: {ex.Message}");
            return ExitInvalid;
        }
        if (Directory.Exists(outputDir) && Directory.EnumerateFileSystemEntries(outputDir).Any())
        {
            error.WriteLine($"{Command}: output directory {outputDir} is not empty");
            return ExitInvalid;
        }
        using var storage = TsdbStorage.Open(OfflineOptions(outputDir));
        var appender = storage.CreateAppender();
        var builder = new LabelSetBuilder();
        long samples = 0;
        var parser = new ExpositionParser(body, ExpositionFormat.OpenMetrics);
        try
        {
            ExpositionEntry entry;
            while ((entry = parser.Next()) != ExpositionEntry.End)
            {
                if (entry != ExpositionEntry.Series)
                {
                    continue;
                }
                if (!parser.HasTimestamp)
                {
                    throw new ExpositionFormatException($"line {parser.LineNumber}: sample has no timestamp; backfilling needs one on every sample");
                }
                builder.Reset();
                parser.CopyLabels(builder);
                var labels = builder.Build();
                var series = SeriesRef.None;
                var status = appender.Append(ref series, labels, parser.TimestampMs, parser.Value);
                if (status != AppendStatus.Ok)
                {
                    throw new ExpositionFormatException($"line {parser.LineNumber}: sample {labels} at {parser.TimestampMs} rejected: {status}");
                }
                if (++samples % 100_000 == 0)
                {
                    appender.Commit();
                    appender = storage.CreateAppender();
                    error.WriteLine($"{Command}: {samples} samples written");
                }
            }
            appender.Commit();
        }
        catch (ExpositionFormatException ex)
        {
            appender.Rollback();
            error.WriteLine($"{Command}: {file}: {ex.Message}");
            return ExitInvalid;
        }
        storage.Compact();
        error.WriteLine($"{Command}: {samples} samples written, {storage.BlockCount} blocks in {outputDir}");
        output.WriteLine($"{samples} samples");
        return ExitOk;
    }

    /// <summary>Options for offline use: no retention or background compaction may drop or move data.</summary>
    private static TsdbOptions OfflineOptions(string dir) => new()
    {
        Dir = dir,
        RetentionTime = TimeSpan.Zero,
        CompactionInterval = TimeSpan.FromDays(7),
    };

    private static int WithCopy(string command, string dir, TextWriter error, Func<TsdbStorage, int> action)
    {
        if (!Directory.Exists(dir))
        {
            error.WriteLine($"argus tsdb {command}: data directory {dir} does not exist");
            return ExitInvalid;
        }
        var copy = Path.Combine(Path.GetTempPath(), "argus-tsdb-" + Guid.NewGuid().ToString("N"));
        try
        {
            CopyDirectory(dir, copy);
            // A throwaway copy: checkpointing it at close would only cost time.
            using var storage = TsdbStorage.Open(OfflineOptions(copy) with { CheckpointOnClose = false });
            return action(storage);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or StorageException)
        {
            error.WriteLine($"argus tsdb {command}: {dir}: {ex.Message}");
            return ExitInvalid;
        }
        finally
        {
            if (Directory.Exists(copy))
            {
                Directory.Delete(copy, recursive: true);
            }
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
        foreach (var sub in Directory.EnumerateDirectories(from))
        {
            // Snapshots are separate TSDBs; they are not part of this one.
            if (Path.GetFileName(sub) != "snapshots")
            {
                CopyDirectory(sub, Path.Combine(to, Path.GetFileName(sub)));
            }
        }
    }

    private static long Long(JsonElement meta, string name) =>
        meta.TryGetProperty(name, out var value) && value.TryGetInt64(out var number) ? number : 0;

    private static string FormatTime(long ms) =>
        DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string FormatDuration(long ms) => Model.Time.PromDuration.Format(TimeSpan.FromMilliseconds(ms));

    private static string FormatBytes(long bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? $"{bytes} B" : string.Create(CultureInfo.InvariantCulture, $"{value:0.0} {units[unit]}");
    }

    private static void WriteSection(TextWriter output, string title, IReadOnlyList<KeyValuePair<string, long>> entries)
    {
        output.WriteLine();
        output.WriteLine(title + ":");
        foreach (var (name, count) in entries)
        {
            output.WriteLine($"{count} {name}");
        }
    }

    private static void WriteTable(TextWriter output, string[] header, List<string[]> rows)
    {
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        void Line(string[] cells) => output.WriteLine(string.Join("  ", cells.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
        Line(header);
        foreach (var row in rows)
        {
            Line(row);
        }
    }
}
