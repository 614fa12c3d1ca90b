using System.Text;
using Argus.Alerting.Persistence;

namespace Argus.Alerting.Groups;

/// <summary>
/// The binary form of one <see cref="GroupState"/> (little-endian, strings length-prefixed UTF-8): group key,
/// updated-at (UTC ticks), episode start (presence byte, ticks), steps fired (i32), notified receivers (count,
/// strings), then the acknowledgement (presence byte; by, comment, at ticks, firing count and fingerprints,
/// silence id as presence byte and string). Framed by <see cref="SnapshotLog{T}"/>; the newest state per group key
/// wins, and an empty state stands for a deleted one until the next snapshot leaves it out.
/// </summary>
internal sealed class GroupStateCodec : ISnapshotRecordCodec<GroupState>
{
    public static readonly GroupStateCodec Instance = new();

    private const int MaxItems = 10_000_000;

    public string KeyOf(GroupState record) => record.GroupKey;

    public bool IsNewerOrSame(GroupState candidate, GroupState known) => known.UpdatedAt <= candidate.UpdatedAt;

    public byte[] Encode(GroupState record)
    {
        using var stream = new MemoryStream(128);
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(record.GroupKey);
            writer.Write(record.UpdatedAt.Ticks);
            writer.Write(record.EpisodeStart.HasValue);
            if (record.EpisodeStart is { } start)
            {
                writer.Write(start.Ticks);
            }
            writer.Write(record.StepsFired);
            writer.Write(record.Notified.Count);
            foreach (var receiver in record.Notified)
            {
                writer.Write(receiver);
            }
            writer.Write(record.Acknowledgement is not null);
            if (record.Acknowledgement is { } ack)
            {
                writer.Write(ack.By);
                writer.Write(ack.Comment);
                writer.Write(ack.At.Ticks);
                writer.Write(ack.Firing.Count);
                foreach (var fingerprint in ack.Firing)
                {
                    writer.Write(fingerprint);
                }
                writer.Write(ack.SilenceId is not null);
                if (ack.SilenceId is not null)
                {
                    writer.Write(ack.SilenceId);
                }
            }
        }
        return stream.ToArray();
    }

    public GroupState Decode(byte[] payload)
    {
        using var stream = new MemoryStream(payload, writable: false);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        var key = reader.ReadString();
        var updatedAt = new DateTime(reader.ReadInt64(), DateTimeKind.Utc);
        DateTime? episodeStart = reader.ReadBoolean() ? new DateTime(reader.ReadInt64(), DateTimeKind.Utc) : null;
        var steps = reader.ReadInt32();
        var notified = new string[Count(reader, key, "receiver")];
        for (var i = 0; i < notified.Length; i++)
        {
            notified[i] = reader.ReadString();
        }
        Acknowledgement? ack = null;
        if (reader.ReadBoolean())
        {
            var by = reader.ReadString();
            var comment = reader.ReadString();
            var at = new DateTime(reader.ReadInt64(), DateTimeKind.Utc);
            var firing = new ulong[Count(reader, key, "alert")];
            for (var i = 0; i < firing.Length; i++)
            {
                firing[i] = reader.ReadUInt64();
            }
            var silenceId = reader.ReadBoolean() ? reader.ReadString() : null;
            ack = new Acknowledgement { By = by, Comment = comment, At = at, Firing = firing, SilenceId = silenceId };
        }
        if (steps < 0)
        {
            throw new InvalidDataException($"group state {key}: negative step count {steps}");
        }
        return new GroupState
        {
            GroupKey = key,
            UpdatedAt = updatedAt,
            EpisodeStart = episodeStart,
            StepsFired = steps,
            Notified = notified,
            Acknowledgement = ack,
        };
    }

    private static int Count(BinaryReader reader, string key, string what)
    {
        var count = reader.ReadInt32();
        if (count is < 0 or > MaxItems)
        {
            throw new InvalidDataException($"group state {key}: implausible {what} count {count}");
        }
        return count;
    }
}
