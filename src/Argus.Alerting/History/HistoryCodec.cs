using System.Buffers.Binary;
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

    /// <summary>
    /// The payload, written straight into an array of its exact size (the events of a mass flush are encoded by the
    /// thousand): the layout <see cref="BinaryWriter"/> gives, which <see cref="Decode"/> reads, strings with its 7-bit
    /// length prefix. The sequence comes first, so <see cref="HistoryLog"/> can encode outside its lock and fill the
    /// number in under it (<see cref="SetSequence"/>).
    /// </summary>
    public byte[] Encode(HistoryEvent record)
    {
        var size = 8 + 8 + 1 + 8 + 4;
        foreach (var label in record.Labels.AsSpan())
        {
            size += StringSize(label.Name) + StringSize(label.Value);
        }
        size += OptionalSize(record.GroupId) + OptionalSize(record.Receiver) + OptionalSize(record.Integration) + OptionalSize(record.By) + OptionalSize(record.Detail);
        var payload = new byte[size];
        var span = payload.AsSpan();
        BinaryPrimitives.WriteInt64LittleEndian(span, record.Sequence);
        BinaryPrimitives.WriteInt64LittleEndian(span[8..], record.At.Ticks);
        span[16] = (byte)record.Kind;
        BinaryPrimitives.WriteUInt64LittleEndian(span[17..], record.Fingerprint);
        BinaryPrimitives.WriteInt32LittleEndian(span[25..], record.Labels.Count);
        var at = 29;
        foreach (var label in record.Labels.AsSpan())
        {
            at = WriteString(span, at, label.Name);
            at = WriteString(span, at, label.Value);
        }
        at = WriteOptional(span, at, record.GroupId);
        at = WriteOptional(span, at, record.Receiver);
        at = WriteOptional(span, at, record.Integration);
        at = WriteOptional(span, at, record.By);
        WriteOptional(span, at, record.Detail);
        return payload;
    }

    /// <summary>Puts <paramref name="sequence"/> into a payload made by <see cref="Encode"/>.</summary>
    public static void SetSequence(byte[] payload, long sequence) => BinaryPrimitives.WriteInt64LittleEndian(payload, sequence);

    private static int OptionalSize(string? value) => value is null ? 1 : 1 + StringSize(value);

    private static int StringSize(string value)
    {
        var bytes = Encoding.UTF8.GetByteCount(value);
        return PrefixSize(bytes) + bytes;
    }

    private static int PrefixSize(int length)
    {
        var size = 1;
        for (var rest = (uint)length; rest >= 0x80; rest >>= 7)
        {
            size++;
        }
        return size;
    }

    private static int WriteOptional(Span<byte> span, int at, string? value)
    {
        span[at++] = value is null ? (byte)0 : (byte)1;
        return value is null ? at : WriteString(span, at, value);
    }

    private static int WriteString(Span<byte> span, int at, string value)
    {
        var rest = (uint)Encoding.UTF8.GetByteCount(value);
        while (rest >= 0x80)
        {
            span[at++] = (byte)(rest | 0x80);
            rest >>= 7;
        }
        span[at++] = (byte)rest;
        return at + Encoding.UTF8.GetBytes(value, span[at..]);
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
