using System.Text;
using Argus.Alerting.Persistence;

namespace Argus.Alerting.NotificationLog;

/// <summary>
/// The binary form of one <see cref="NotificationLogEntry"/> (little-endian, strings length-prefixed UTF-8):
/// receiver, integration, index, group key, firing count and fingerprints, resolved count and fingerprints,
/// timestamp and expiry (UTC ticks), then Argus's two additions: the repeat count and the escalation step (i32
/// each). Records written before the additions end after the expiry and read as 0 and 0. Framed by
/// <see cref="SnapshotLog{T}"/>; the latest timestamp per key wins.
/// </summary>
internal sealed class NotificationLogCodec : ISnapshotRecordCodec<NotificationLogEntry>
{
    public static readonly NotificationLogCodec Instance = new();

    private const int MaxAlerts = 10_000_000;

    public string KeyOf(NotificationLogEntry record) => record.Key.ToString();

    public bool IsNewerOrSame(NotificationLogEntry candidate, NotificationLogEntry known) => known.Timestamp <= candidate.Timestamp;

    public byte[] Encode(NotificationLogEntry record)
    {
        using var stream = new MemoryStream(128 + (8 * (record.FiringAlerts.Count + record.ResolvedAlerts.Count)));
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(record.Key.Receiver);
            writer.Write(record.Key.Integration);
            writer.Write(record.Key.Index);
            writer.Write(record.Key.GroupKey);
            WriteFingerprints(writer, record.FiringAlerts);
            WriteFingerprints(writer, record.ResolvedAlerts);
            writer.Write(record.Timestamp.Ticks);
            writer.Write(record.ExpiresAt.Ticks);
            writer.Write(record.RepeatCount);
            writer.Write(record.Key.Step);
        }
        return stream.ToArray();
    }

    private static void WriteFingerprints(BinaryWriter writer, IReadOnlyList<ulong> fingerprints)
    {
        writer.Write(fingerprints.Count);
        foreach (var fingerprint in fingerprints)
        {
            writer.Write(fingerprint);
        }
    }

    public NotificationLogEntry Decode(byte[] payload)
    {
        using var stream = new MemoryStream(payload, writable: false);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        var key = new NotificationLogKey(reader.ReadString(), reader.ReadString(), reader.ReadInt32(), reader.ReadString());
        var firing = ReadFingerprints(reader, key);
        var resolved = ReadFingerprints(reader, key);
        var timestamp = new DateTime(reader.ReadInt64(), DateTimeKind.Utc);
        var expiresAt = new DateTime(reader.ReadInt64(), DateTimeKind.Utc);
        var repeatCount = 0;
        if (stream.Position < stream.Length)
        {
            repeatCount = reader.ReadInt32();
            var step = reader.ReadInt32();
            if (repeatCount < 0 || step < 0)
            {
                throw new InvalidDataException($"notification log entry {key}: negative repeat count {repeatCount} or step {step}");
            }
            key = key with { Step = step };
        }
        return new NotificationLogEntry
        {
            Key = key,
            FiringAlerts = firing,
            ResolvedAlerts = resolved,
            Timestamp = timestamp,
            ExpiresAt = expiresAt,
            RepeatCount = repeatCount,
        };
    }

    private static ulong[] ReadFingerprints(BinaryReader reader, NotificationLogKey key)
    {
        var count = reader.ReadInt32();
        if (count is < 0 or > MaxAlerts)
        {
            throw new InvalidDataException($"notification log entry {key}: implausible alert count {count}");
        }
        var result = new ulong[count];
        for (var i = 0; i < count; i++)
        {
            result[i] = reader.ReadUInt64();
        }
        return result;
    }
}
