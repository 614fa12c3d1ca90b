using System.Diagnostics;
using Argus.Storage;
using Xunit.Abstractions;
using static Argus.Tsdb.Tests.StorageTestHelpers;

namespace Argus.Tsdb.Tests;

/// <summary>Runs the WAL on a tiny tmpfs so writes really fail with ENOSPC.</summary>
public class DiskFullTests(ITestOutputHelper output)
{
    private static bool Run(string file, string args)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    /// <summary>Runs <paramref name="body"/> with a 512 KiB tmpfs mounted at a fresh directory, unmounting it after.</summary>
    private void OnTinyTmpfs(Action<string> body)
    {
        using var mount = new TempDir();
        if (!Run("mount", $"-t tmpfs -o size=512k tmpfs {mount.Path}"))
        {
            // Only root can mount; elsewhere this fault is covered by the end-to-end suite.
            Assert.NotEqual("root", Environment.UserName);
            output.WriteLine("tmpfs mount not permitted; disk-full test not run");
            return;
        }
        try
        {
            body(mount.Path);
        }
        finally
        {
            Run("umount", mount.Path);
        }
    }

    [Fact]
    public void Close_on_a_full_disk_skips_its_checkpoint_and_keeps_the_wal()
    {
        OnTinyTmpfs(root =>
        {
            var options = Options(root) with { WalSegmentSize = 64 * 1024 };
            var filler = Path.Combine(root, "filler");
            var labels = Series("close_on_full_disk");
            var committed = new List<long>();
            using (var db = TsdbStorage.Open(options))
            {
                var appender = db.CreateAppender();
                var series = SeriesRef.None;
                for (var t = 0L; t < 2000 * 1000; t += 1000)
                {
                    Assert.Equal(AppendStatus.Ok, appender.Append(ref series, labels, t, t * 0.5));
                    committed.Add(t);
                }
                appender.Commit();
                db.Sync();
                // Take every byte that is left, so the checkpoint of the close cannot be written.
                using (var stream = new FileStream(filler, FileMode.CreateNew))
                {
                    var block = new byte[4096];
                    try
                    {
                        while (true)
                        {
                            stream.Write(block);
                            stream.Flush(flushToDisk: true);
                        }
                    }
                    catch (IOException)
                    {
                        // The disk is full now.
                    }
                }
            }
            var wal = Path.Combine(root, "wal");
            Assert.Empty(Directory.GetDirectories(wal)); // no checkpoint, not even a half-written one
            Assert.Contains(Directory.GetFiles(wal), f => new FileInfo(f).Length > 0);
            File.Delete(filler);
            using var reopened = TsdbStorage.Open(options);
            Assert.Equal(0, reopened.Stats.WalCorruptionsRepaired);
            Assert.Equal(committed, ReadAll(reopened)[labels.ToString()].Select(s => s.T));
        });
    }

    [Fact]
    public void Full_disk_fails_commits_clearly_keeps_committed_data_and_recovers_when_space_returns()
    {
        OnTinyTmpfs(root =>
        {
            var options = Options(root) with { WalSegmentSize = 64 * 1024 };
            var filler = Path.Combine(root, "filler");
            var committed = new List<long>();
            var labels = Series("disk_full_probe");
            StorageException? failure = null;
            using (var db = TsdbStorage.Open(options))
            {
                File.WriteAllBytes(filler, new byte[400 * 1024]);
                var t = 0L;
                for (var batch = 0; batch < 2000 && failure is null; batch++)
                {
                    var appender = db.CreateAppender();
                    var series = SeriesRef.None;
                    var staged = new List<long>();
                    for (var i = 0; i < 100; i++, t += 1000)
                    {
                        Assert.Equal(AppendStatus.Ok, appender.Append(ref series, labels, t, t));
                        staged.Add(t);
                    }
                    try
                    {
                        appender.Commit();
                        committed.AddRange(staged);
                    }
                    catch (StorageException ex)
                    {
                        failure = ex;
                    }
                }
                Assert.NotNull(failure);
                output.WriteLine(failure.Message);
                Assert.Contains(Path.Combine(root, "wal"), failure.Message, StringComparison.Ordinal);
                Assert.Contains("space", failure.Message, StringComparison.OrdinalIgnoreCase);
                Assert.Equal(committed, ReadAll(db)[labels.ToString()].Select(s => s.T));
                Assert.True(db.Stats.CommitFailures >= 1);

                File.Delete(filler);
                Assert.Equal(AppendStatus.Ok, AppendOne(db, labels, t + 1000, 1));
                committed.Add(t + 1000);
                Assert.Equal(committed, ReadAll(db)[labels.ToString()].Select(s => s.T));
            }
            using var reopened = TsdbStorage.Open(options);
            Assert.Equal(0, reopened.Stats.WalCorruptionsRepaired);
            Assert.Equal(committed, ReadAll(reopened)[labels.ToString()].Select(s => s.T));
        });
    }
}
