using System.Globalization;
using System.Text;
using Argus.Alerting.Persistence;
using Argus.Model.Labels;

namespace Argus.Alerting.History;

/// <summary>
/// The binary form of one <see cref="HistoryEvent"/> (little-endian, strings length-prefixed UTF-8): sequence (i64),
/// time (UTC ticks, i64), kind (byte), fingerprint (u64), label count (i32) and pairs, then group id, receiver,
/// integration, by and detail, each a presence byte followed by the string when present. Framed by
/// <see cref="SnapshotLog{T}"/>; every event has its own key (its sequence), so replay keeps them all.
/// </summary>
internal sealed class HistoryCodec : ISnapshotRecordCodec<HistoryEvent>
{
    public static readonly HistoryCodec Instance = new();

    private const int MaxLabels = 10_000;

    public string KeyOf(HistoryEvent record) => record.Sequence.ToString(CultureInfo.InvariantCulture);

    public bool IsNewerOrSame(HistoryEvent candidate, HistoryEvent known) => true;

    public byte[] Encode(HistoryEvent record)
    {
        using var stream = new MemoryStream(128);
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(record.Sequence);
            writer.Write(record.At.Ticks);
            writer.Write((byte)record.Kind);
            writer.Write(record.Fingerprint);
            writer.Write(record.Labels.Count);
            foreach (var label in record.Labels.AsSpan())
            {
                writer.Write(label.Name);
                writer.Write(label.Value);
            }
            WriteOptional(writer, record.GroupId);
            WriteOptional(writer, record.Receiver);
            WriteOptional(writer, record.Integration);
            WriteOptional(writer, record.By);
            WriteOptional(writer, record.Detail);
        }
        return stream.ToArray();
    }

    private static void WriteOptional(BinaryWriter writer, string? value)
    {
        writer.Write(value is not null);
        if (value is not null)
        {
            writer.Write(value);
        }
    }

    public HistoryEvent Decode(byte[] payload)
    {
        using var stream = new MemoryStream(payload, writable: false);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        var sequence = reader.ReadInt64();
        var at = new DateTime(reader.ReadInt64(), DateTimeKind.Utc);
        var kind = (HistoryEventKind)reader.ReadByte();
        if (!HistoryEventKinds.IsDefined(kind))
        {
            throw new InvalidDataException($"history event {sequence}: unknown kind {(byte)kind}");
        }
        var fingerprint = reader.ReadUInt64();
        var count = reader.ReadInt32();
        if (count is < 0 or > MaxLabels)
        {
            throw new InvalidDataException($"history event {sequence}: implausible label count {count}");
        }
        var labels = new List<Label>(count);
        for (var i = 0; i < count; i++)
        {
            labels.Add(new Label(reader.ReadString(), reader.ReadString()));
        }
        return new HistoryEvent
        {
            Sequence = sequence,
            At = at,
            Kind = kind,
            Fingerprint = fingerprint,
            Labels = LabelSet.From(labels),
            GroupId = ReadOptional(reader),
            Receiver = ReadOptional(reader),
            Integration = ReadOptional(reader),
            By = ReadOptional(reader),
            Detail = ReadOptional(reader),
        };
    }

    private static string? ReadOptional(BinaryReader reader) => reader.ReadBoolean() ? reader.ReadString() : null;
}
