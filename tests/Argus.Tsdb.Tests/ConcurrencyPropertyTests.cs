using Argus.Model.Labels;
using Argus.Storage;
using FsCheck;
using FsCheck.Fluent;
using Xunit.Abstractions;
using static Argus.Tsdb.Tests.StorageTestHelpers;

namespace Argus.Tsdb.Tests;

/// <summary>
/// Concurrent appenders and queriers under an FsCheck property: what is read equals what was written, live
/// and after a crash-restart. Runs for <see cref="DefaultSeconds"/> seconds by default (CI); set
/// <c>ARGUS_TSDB_PROPERTY_SECONDS</c> to run it for longer, e.g. 600 for ten minutes of soak.
/// </summary>
public class ConcurrencyPropertyTests(ITestOutputHelper output)
{
    public const int DefaultSeconds = 5;

    /// <summary>One writer's plan: batches, each a list of (series index, value).</summary>
    public sealed record WriterPlan(int[][] Batches);

    [Fact]
    public void Concurrent_appenders_and_queriers_read_exactly_what_was_committed()
    {
        var planGen =
            from writers in Gen.Choose(2, 4)
            from plans in Gen.Choose(1, 12).SelectMany(batches =>
                Gen.Choose(1, 30).SelectMany(size => Gen.Choose(0, 4).ArrayOf(size)).ArrayOf(batches))
                .Select(b => new WriterPlan(b)).ArrayOf(writers)
            select plans;
        var property = Prop.ForAll(planGen.ToArbitrary(), plans =>
        {
            using var dir = new TempDir();
            var db = TsdbStorage.Open(Options(dir.Path));
            var expected = new Dictionary<string, List<(long, ulong)>>[plans.Length];
            var stop = 0;
            var readerFailures = 0;
            var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
            {
                while (Volatile.Read(ref stop) == 0)
                {
                    // Mid-flight reads must be well-formed: strictly increasing timestamps and each value
                    // exactly the one its writer derived from (writer, timestamp).
                    foreach (var (key, samples) in ReadAll(db))
                    {
                        var writer = int.Parse(key.Split("w=\"")[1].Split('"')[0], System.Globalization.CultureInfo.InvariantCulture);
                        for (var i = 0; i < samples.Count; i++)
                        {
                            var wrongValue = BitConverter.UInt64BitsToDouble(samples[i].Bits) != (writer * 1_000_000) + samples[i].T;
                            if (wrongValue || (i > 0 && samples[i].T <= samples[i - 1].T))
                            {
                                Interlocked.Increment(ref readerFailures);
                            }
                        }
                    }
                }
            })).ToArray();
            Parallel.For(0, plans.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, w =>
            {
                var mine = new Dictionary<string, List<(long, ulong)>>();
                var refs = new SeriesRef[5];
                var labelSets = Enumerable.Range(0, 5).Select(s => LabelSet.FromPairs(LabelNames.MetricName, "p", "w", w.ToString(System.Globalization.CultureInfo.InvariantCulture), "s", s.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray();
                var t = 0L;
                foreach (var batch in plans[w].Batches)
                {
                    var appender = db.CreateAppender();
                    var staged = new List<(string, long, ulong)>();
                    foreach (var s in batch)
                    {
                        t += 10;
                        double v = (w * 1_000_000) + t;
                        if (appender.Append(ref refs[s], labelSets[s], t, v) != AppendStatus.Ok)
                        {
                            throw new InvalidOperationException("unexpected rejection");
                        }
                        staged.Add((labelSets[s].ToString(), t, BitConverter.DoubleToUInt64Bits(v)));
                    }
                    appender.Commit();
                    foreach (var (key, ts, bits) in staged)
                    {
                        if (!mine.TryGetValue(key, out var list))
                        {
                            mine[key] = list = [];
                        }
                        list.Add((ts, bits));
                    }
                }
                expected[w] = mine;
            });
            Volatile.Write(ref stop, 1);
            Task.WaitAll(readers);
            var all = expected.SelectMany(e => e).ToDictionary(kv => kv.Key, kv => kv.Value);
            bool Same(Dictionary<string, List<(long T, ulong Bits)>> actual) =>
                actual.Count == all.Count && all.All(kv => actual.TryGetValue(kv.Key, out var got) && got.SequenceEqual(kv.Value));
            var live = Same(ReadAll(db));
            // And the same after a crash-restart.
            using var reopened = TsdbStorage.Open(Options(dir.Path));
            var replayed = Same(ReadAll(reopened));
            db.Dispose();
            return live && replayed && readerFailures == 0;
        });
        var budget = TimeSpan.FromSeconds(int.TryParse(Environment.GetEnvironmentVariable("ARGUS_TSDB_PROPERTY_SECONDS"), out var seconds) && seconds > 0 ? seconds : DefaultSeconds);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var cases = 0;
        do
        {
            Check.One(Config.QuickThrowOnFailure.WithMaxTest(10), property);
            cases += 10;
        }
        while (watch.Elapsed < budget);
        output.WriteLine($"{cases} generated cases in {watch.Elapsed.TotalSeconds:F0} s (budget {budget.TotalSeconds:F0} s)");
    }
}
