using Argus.Alerting.NotificationLog;

namespace Argus.Alerting.Tests.NotificationLog;

public sealed class NotificationLogTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "argus-nflog-" + Guid.NewGuid().ToString("n"));
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private static readonly NotificationLogKey Key = new("team-x", "webhook", 0, "{}:{alertname=\"A\"}");

    private Alerting.NotificationLog.NotificationLog Open() =>
        Alerting.NotificationLog.NotificationLog.Open(new NotificationLogOptions { Directory = _directory, Retention = TimeSpan.FromHours(1), Time = _time });

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void An_entry_survives_reopening_without_a_snapshot()
    {
        using (var log = Open())
        {
            log.Log(Key, [3UL, 1UL], [2UL]);
        }
        using var reopened = Open();
        var entry = reopened.Query(Key);
        Assert.NotNull(entry);
        Assert.Equal([1UL, 3UL], entry.FiringAlerts);
        Assert.Equal([2UL], entry.ResolvedAlerts);
        Assert.Equal(_time.UtcNow, entry.Timestamp);
        Assert.Null(reopened.Query(Key with { Index = 1 }));
    }

    [Fact]
    public async Task Deliveries_logged_concurrently_are_all_durable_when_their_tasks_complete()
    {
        var log = Open();
        var keys = Enumerable.Range(0, 300).Select(i => Key with { GroupKey = "{}:{seq=\"" + i + "\"}" }).ToList();
        await Task.WhenAll(keys.Select((key, i) => Task.Run(() => log.LogAsync(key, [(ulong)i], []))));

        // Not disposed: what a process killed right now would leave behind.
        using var reopened = Open();
        Assert.Equal(300, reopened.Count);
        Assert.All(keys.Select((key, i) => (key, i)), k => Assert.Equal([(ulong)k.i], reopened.Query(k.key)!.FiringAlerts));
        log.Dispose();
    }

    [Fact]
    public void The_latest_entry_per_key_wins_across_snapshot_and_log()
    {
        using (var log = Open())
        {
            log.Log(Key, [1UL], []);
            log.Maintain();
            _time.Advance(TimeSpan.FromMinutes(1));
            log.Log(Key, [1UL, 2UL], []);
        }
        using var reopened = Open();
        Assert.Equal([1UL, 2UL], reopened.Query(Key)!.FiringAlerts);
    }

    [Fact]
    public void A_torn_tail_is_cut_and_earlier_entries_remain()
    {
        using (var log = Open())
        {
            log.Log(Key, [1UL], []);
            log.Log(Key with { GroupKey = "other" }, [9UL], []);
        }
        var path = Path.Combine(_directory, "nflog.log");
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^5]);
        using var reopened = Open();
        Assert.NotNull(reopened.Query(Key));
        Assert.Null(reopened.Query(Key with { GroupKey = "other" }));
        reopened.Log(Key with { GroupKey = "third" }, [4UL], []);
        reopened.Dispose();
        using var again = Open();
        Assert.NotNull(again.Query(Key with { GroupKey = "third" }));
    }

    [Fact]
    public void Entries_past_the_retention_are_invisible_and_dropped_by_maintenance()
    {
        using var log = Open();
        log.Log(Key, [1UL], []);
        _time.Advance(TimeSpan.FromMinutes(61));
        Assert.Null(log.Query(Key));
        Assert.Equal(1, log.Maintain());
        Assert.Equal(0, log.Count);
        Assert.True(log.SnapshotSize == 0);
    }

    [Fact]
    public void Subset_checks_compare_with_what_was_notified()
    {
        var entry = new NotificationLogEntry { Key = Key, FiringAlerts = [1, 2], ResolvedAlerts = [3], Timestamp = default, ExpiresAt = default };
        Assert.True(entry.IsFiringSubset(new HashSet<ulong> { 1 }));
        Assert.False(entry.IsFiringSubset(new HashSet<ulong> { 1, 4 }));
        Assert.True(entry.IsResolvedSubset(new HashSet<ulong> { 3 }));
        Assert.False(entry.IsResolvedSubset(new HashSet<ulong> { 1 }));
    }
}
