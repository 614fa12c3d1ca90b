using System.Buffers.Binary;
using System.Text;
using Argus.Alerting.Alerts;
using Argus.Alerting.NotificationLog;

namespace Argus.Alerting.Tests.NotificationLog;

public sealed class NotificationLogEscalationTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "argus-nflog-esc-" + Guid.NewGuid().ToString("n"));
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private static readonly NotificationLogKey Key = new("oncall", "webhook", 0, "{}:{alertname=\"A\"}");

    private Alerting.NotificationLog.NotificationLog Open() =>
        Alerting.NotificationLog.NotificationLog.Open(new NotificationLogOptions { Directory = _directory, Time = _time });

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void An_escalation_step_is_logged_apart_from_the_routes_own_notification_and_survives_reopening()
    {
        using (var log = Open())
        {
            log.Log(Key, [1UL], [], repeatCount: 3);
            log.Log(Key with { Step = 2 }, [1UL, 2UL], []);
        }
        using var reopened = Open();
        var own = reopened.Query(Key)!;
        var step = reopened.Query(Key with { Step = 2 })!;
        Assert.Equal([1UL], own.FiringAlerts);
        Assert.Equal(3, own.RepeatCount);
        Assert.Equal(0, own.Key.Step);
        Assert.Equal([1UL, 2UL], step.FiringAlerts);
        Assert.Equal(2, step.Key.Step);
        Assert.Null(reopened.Query(Key with { Step = 1 }));
        Assert.Equal("oncall/webhook[0]/step2/{}:{alertname=\"A\"}", (Key with { Step = 2 }).ToString());
    }

    [Fact]
    public void Entries_written_before_the_escalation_fields_read_as_step_zero_without_repeats()
    {
        // A record in the format of earlier versions: the fields end with the expiry.
        var now = _time.UtcNow;
        using var payload = new MemoryStream();
        using (var writer = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Key.Receiver);
            writer.Write(Key.Integration);
            writer.Write(Key.Index);
            writer.Write(Key.GroupKey);
            writer.Write(1);
            writer.Write(7UL);
            writer.Write(0);
            writer.Write(now.Ticks);
            writer.Write(now.AddDays(5).Ticks);
        }
        var bytes = payload.ToArray();
        var record = new byte[12 + bytes.Length];
        BinaryPrimitives.WriteInt32LittleEndian(record, bytes.Length);
        BinaryPrimitives.WriteUInt64LittleEndian(record.AsSpan(4), Fnv64.Add(Fnv64.Offset, bytes));
        bytes.CopyTo(record, 12);
        Directory.CreateDirectory(_directory);
        File.WriteAllBytes(Path.Combine(_directory, "nflog.log"), record);

        using var log = Open();
        var entry = log.Query(Key)!;
        Assert.Equal([7UL], entry.FiringAlerts);
        Assert.Equal(0, entry.RepeatCount);
        Assert.Equal(0, entry.Key.Step);
    }
}
