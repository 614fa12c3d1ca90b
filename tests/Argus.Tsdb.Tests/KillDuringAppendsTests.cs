using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;
using static Argus.Tsdb.Tests.StorageTestHelpers;

namespace Argus.Tsdb.Tests;

/// <summary>
/// kill -9 in the middle of heavy appends, then restart: a child process appends batches from several
/// threads and acknowledges each commit that returned; it is killed with SIGKILL at a random moment.
/// After reopening, every acknowledged batch is there in full, and no batch is there in part.
/// </summary>
public class KillDuringAppendsTests(ITestOutputHelper output)
{
    [Fact]
    public void Every_acknowledged_batch_survives_sigkill_and_no_batch_is_half_visible()
    {
        var random = new Random(7);
        for (var round = 0; round < 3; round++)
        {
            using var dir = new TempDir();
            var killAfter = random.Next(50, 400);
            var acked = RunAndKill(dir.Path, killAfter);
            using var db = TsdbStorage.Open(Options(dir.Path) with { WalSegmentSize = 1 << 20 });
            var all = ReadAll(db);
            var present = new int[CrashWriter.Threads];
            for (var thread = 0; thread < CrashWriter.Threads; thread++)
            {
                var batchesPerSeries = new List<int>();
                for (var s = 0; s < CrashWriter.SeriesPerThread; s++)
                {
                    var samples = all.GetValueOrDefault(CrashWriter.Labels(thread, s).ToString()) ?? [];
                    // Batches are whole and in order: batch b contributes exactly its 20 samples, value b.
                    var batches = samples.Count / CrashWriter.SamplesPerSeries;
                    Assert.Equal(0, samples.Count % CrashWriter.SamplesPerSeries);
                    for (var i = 0; i < samples.Count; i++)
                    {
                        var batch = i / CrashWriter.SamplesPerSeries;
                        Assert.Equal(CrashWriter.Timestamp(batch, i % CrashWriter.SamplesPerSeries), samples[i].T);
                        Assert.Equal((double)batch, BitConverter.UInt64BitsToDouble(samples[i].Bits));
                    }
                    batchesPerSeries.Add(batches);
                }
                // A batch spans every series of its thread: all of them or none of them hold it.
                Assert.All(batchesPerSeries, n => Assert.Equal(batchesPerSeries[0], n));
                present[thread] = batchesPerSeries[0];
                Assert.True(present[thread] > acked[thread], $"thread {thread}: {present[thread]} batches after restart, batch {acked[thread]} was acknowledged");
            }
            output.WriteLine($"round {round}: killed after {killAfter} acknowledgements; acknowledged up to [{string.Join(", ", acked)}], present after restart [{string.Join(", ", present)}] batches; repaired {db.Stats.WalCorruptionsRepaired}, {db.Stats.WalBytesDiscarded} bytes cut");
        }
    }

    /// <summary>Starts the writer, kills it with SIGKILL after <paramref name="killAfter"/> acknowledgements and
    /// returns, per thread, the last acknowledged batch (-1 if none).</summary>
    private static int[] RunAndKill(string dir, int killAfter)
    {
        var assembly = typeof(CrashWriter).Assembly.Location;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])["exec", assembly, CrashWriter.Command, dir])
        {
            start.ArgumentList.Add(arg);
        }
        using var child = Process.Start(start)!;
        var acked = Enumerable.Repeat(-1, CrashWriter.Threads).ToArray();
        var seen = 0;
        try
        {
            while (seen < killAfter && child.StandardOutput.ReadLine() is { } line)
            {
                var parts = line.Split(' ');
                acked[int.Parse(parts[1], CultureInfo.InvariantCulture)] = int.Parse(parts[2], CultureInfo.InvariantCulture);
                seen++;
            }
        }
        finally
        {
            // Process.Kill sends SIGKILL on Linux: no managed code of the child runs after this.
            child.Kill(entireProcessTree: true);
            child.WaitForExit();
        }
        Assert.True(seen == killAfter, $"writer exited early after {seen} acknowledgements: {child.StandardError.ReadToEnd()}");
        return acked;
    }
}
