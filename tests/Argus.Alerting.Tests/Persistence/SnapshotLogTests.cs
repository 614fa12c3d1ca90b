using Argus.Alerting.Persistence;

namespace Argus.Alerting.Tests.Persistence;

public sealed class SnapshotLogTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "argus-snapshotlog-" + Guid.NewGuid().ToString("n"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task Many_concurrent_async_waits_all_complete_and_every_change_is_in_the_file()
    {
        var log = SnapshotLog<string>.Open(_directory, "t", TextRecordCodec.Instance, out _);
        var gate = new Lock();
        var waits = Enumerable.Range(0, 500).Select(i => Task.Run(async () =>
        {
            long sequence;
            lock (gate)
            {
                sequence = log.AppendBuffered($"k{i}=v{i}").Sequence;
            }
            await log.WaitDurableAsync(sequence);
        })).ToArray();
        await Task.WhenAll(waits).WaitAsync(TimeSpan.FromSeconds(30));

        // Read back while the first instance is still open, as after kill -9.
        using var reopened = SnapshotLog<string>.Open(_directory, "t", TextRecordCodec.Instance, out var items);
        Assert.Equal(500, items.Count);
        Assert.Equal("k499=v499", items["k499"]);
        log.Dispose();
    }

    [Fact]
    public async Task An_async_wait_for_a_change_already_durable_completes_at_once()
    {
        using var log = SnapshotLog<string>.Open(_directory, "t", TextRecordCodec.Instance, out _);
        var (sequence, _) = log.AppendBuffered("a=1");
        log.WaitDurable(sequence);
        Assert.True(log.WaitDurableAsync(sequence).IsCompletedSuccessfully);
        var (second, _) = log.AppendBuffered("b=2");
        await log.WaitDurableAsync(second);
        Assert.True(log.WaitDurableAsync(second).IsCompletedSuccessfully);
    }

    [Fact]
    public void Appended_changes_reach_the_file_when_handed_over_and_one_hand_over_covers_all_before_it()
    {
        var log = SnapshotLog<string>.Open(_directory, "t", TextRecordCodec.Instance, out _);
        log.Append("a=1");
        var (second, size) = log.Append("b=22");
        Assert.Equal(4, size);
        Assert.Equal(2 * 12 + 3 + 4, log.LogSize);
        log.HandToOperatingSystem(second);
        log.Append("c=3");

        // Not closed and not fsynced: what a process killed now leaves. "c" was never handed over.
        using var reopened = SnapshotLog<string>.Open(_directory, "t", TextRecordCodec.Instance, out var items);
        Assert.Equal(["a", "b"], items.Keys.Order());
        log.Dispose();
    }

    [Fact]
    public async Task An_async_hand_over_puts_every_change_before_it_in_the_file()
    {
        var log = SnapshotLog<string>.Open(_directory, "t", TextRecordCodec.Instance, out _);
        log.Append("a=1");
        var (second, _) = log.Append("b=2");
        await log.HandToOperatingSystemAsync(second).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(log.HandToOperatingSystemAsync(second).IsCompletedSuccessfully);

        using var reopened = SnapshotLog<string>.Open(_directory, "t", TextRecordCodec.Instance, out var items);
        Assert.Equal(["a", "b"], items.Keys.Order());
        log.Dispose();
    }

    [Fact]
    public async Task An_async_wait_fails_rather_than_hangs_when_the_fsync_cannot_happen()
    {
        var log = SnapshotLog<string>.Open(_directory, "t", TextRecordCodec.Instance, out _);
        var (sequence, _) = log.AppendBuffered("a=1");
        log.Dispose();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => log.WaitDurableAsync(sequence).WaitAsync(TimeSpan.FromSeconds(30)));
    }
}
