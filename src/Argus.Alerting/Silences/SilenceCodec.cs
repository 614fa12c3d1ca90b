using System.Text;
using Argus.Alerting.Persistence;
using Argus.Model.Labels;
using MatchType = Argus.Model.Labels.MatchType;

namespace Argus.Alerting.Silences;

/// <summary>
/// The binary form of one silence in the snapshot and the log (little-endian, strings length-prefixed UTF-8):
/// id, matcher count, per matcher (type byte, name, value), startsAt, endsAt, updatedAt (UTC ticks),
/// createdBy, comment, then Argus's flags byte (bit 0: expire on resolve), absent in records written before it.
/// Records are framed by <see cref="SnapshotLog{T}"/>; the newest update of an id wins.
/// </summary>
internal sealed class SilenceCodec : ISnapshotRecordCodec<Silence>
{
    public static readonly SilenceCodec Instance = new();

    public string KeyOf(Silence record) => record.Id;

    public bool IsNewerOrSame(Silence candidate, Silence known) => known.UpdatedAt <= candidate.UpdatedAt;

    public byte[] Encode(Silence silence)
    {
        using var stream = new MemoryStream(256);
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(silence.Id);
            writer.Write(silence.Matchers.Count);
            foreach (var m in silence.Matchers)
            {
                writer.Write((byte)m.Type);
                writer.Write(m.Name);
                writer.Write(m.Value);
            }
            writer.Write(silence.StartsAt.Ticks);
            writer.Write(silence.EndsAt.Ticks);
            writer.Write(silence.UpdatedAt.Ticks);
            writer.Write(silence.CreatedBy);
            writer.Write(silence.Comment);
            writer.Write((byte)(silence.ExpireOnResolve ? 1 : 0));
        }
        return stream.ToArray();
    }

    public Silence Decode(byte[] payload)
    {
        using var stream = new MemoryStream(payload, writable: false);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        var id = reader.ReadString();
        var count = reader.ReadInt32();
        if (count is < 0 or > 10_000)
        {
            throw new InvalidDataException($"silence {id}: implausible matcher count {count}");
        }
        var matchers = new LabelMatcher[count];
        for (var i = 0; i < count; i++)
        {
            var type = (MatchType)reader.ReadByte();
            var name = reader.ReadString();
            var value = reader.ReadString();
            matchers[i] = new LabelMatcher(type, name, value);
        }
        var silence = new Silence
        {
            Id = id,
            Matchers = matchers,
            StartsAt = new DateTime(reader.ReadInt64(), DateTimeKind.Utc),
            EndsAt = new DateTime(reader.ReadInt64(), DateTimeKind.Utc),
            UpdatedAt = new DateTime(reader.ReadInt64(), DateTimeKind.Utc),
            CreatedBy = reader.ReadString(),
            Comment = reader.ReadString(),
        };
        if (stream.Position < stream.Length)
        {
            var flags = reader.ReadByte();
            if (flags > 1)
            {
                throw new InvalidDataException($"silence {id}: unknown flags {flags}");
            }
            silence = silence with { ExpireOnResolve = (flags & 1) != 0 };
        }
        return silence;
    }
}
