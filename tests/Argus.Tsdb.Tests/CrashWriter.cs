using System.Globalization;
using Argus.Model.Labels;
using Argus.Storage;

namespace Argus.Tsdb.Tests;

/// <summary>
/// The child process of <see cref="KillDuringAppendsTests"/>: this test assembly started as a program
/// (<c>dotnet exec Argus.Tsdb.Tests.dll crash-writer DIR</c>) appends batches to a TSDB from several
/// threads as fast as it can and prints <c>ack THREAD BATCH</c> after each commit returned, until it is killed.
/// </summary>
internal static class CrashWriter
{
    public const string Command = "crash-writer";
    public const int Threads = 3;
    public const int SeriesPerThread = 10;
    public const int SamplesPerSeries = 20;

    /// <summary>Labels of series <paramref name="series"/> of writer thread <paramref name="thread"/>.</summary>
    public static LabelSet Labels(int thread, int series) => LabelSet.FromPairs(
        LabelNames.MetricName, "crash_probe",
        "thread", thread.ToString(CultureInfo.InvariantCulture),
        "series", series.ToString(CultureInfo.InvariantCulture));

    /// <summary>Batch b of a thread holds, for each of its series, the samples at (b × 20 + i) s with value b.</summary>
    public static long Timestamp(int batch, int i) => ((long)batch * SamplesPerSeries + i) * 1000;

    public static int Run(string dir)
    {
        var db = TsdbStorage.Open(StorageTestHelpers.Options(dir) with { WalSegmentSize = 1 << 20 });
        var output = Console.Out;
        var gate = new Lock();
        var threads = Enumerable.Range(0, Threads).Select(thread => new Thread(() =>
        {
            var refs = new SeriesRef[SeriesPerThread];
            var labels = Enumerable.Range(0, SeriesPerThread).Select(s => Labels(thread, s)).ToArray();
            for (var batch = 0; ; batch++)
            {
                var appender = db.CreateAppender();
                for (var s = 0; s < SeriesPerThread; s++)
                {
                    for (var i = 0; i < SamplesPerSeries; i++)
                    {
                        appender.Append(ref refs[s], labels[s], Timestamp(batch, i), batch);
                    }
                }
                appender.Commit();
                lock (gate)
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ack {thread} {batch}"));
                    output.Flush();
                }
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        return 0;
    }
}
