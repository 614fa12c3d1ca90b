using System.Text;
using Argus.Alerting.Persistence;

namespace Argus.Alerting.NotificationLog;

/// <summary>
/// The binary form of one <see cref="NotificationLogEntry"/> (little-endian, strings length-prefixed UTF-8):
/// receiver, integration, index, group key, firing count and fingerprints, resolved count and fingerprints,
/// timestamp and expiry (UTC ticks). Framed by <see cref="SnapshotLog{T}"/>; the latest timestamp per key wins.
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
        return new NotificationLogEntry
        {
            Key = key,
            FiringAlerts = ReadFingerprints(reader, key),
            ResolvedAlerts = ReadFingerprints(reader, key),
            Timestamp = new DateTime(reader.ReadInt64(), DateTimeKind.Utc),
            ExpiresAt = new DateTime(reader.ReadInt64(), DateTimeKind.Utc),
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
