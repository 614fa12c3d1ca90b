using Google.Protobuf;

namespace Argus.Scrape.Tests.RemoteWrite;

/// <summary>Encodes remote-write 1.0 WriteRequests for tests with the protobuf library's low-level writer,
/// independently of the receiver's hand-written decoder.</summary>
internal static class WriteRequestEncoder
{
    public sealed record Series((string Name, string Value)[] Labels, (double Value, long Timestamp)[] Samples);

    public static byte[] Encode(params Series[] series)
    {
        var output = new MemoryStream();
        var writer = new CodedOutputStream(output, leaveOpen: true);
        foreach (var s in series)
        {
            writer.WriteTag(1, WireFormat.WireType.LengthDelimited);
            writer.WriteBytes(ByteString.CopyFrom(EncodeSeries(s)));
        }
        writer.Flush();
        return output.ToArray();
    }

    public static byte[] EncodeSeries(Series series)
    {
        var output = new MemoryStream();
        var writer = new CodedOutputStream(output, leaveOpen: true);
        foreach (var (name, value) in series.Labels)
        {
            var label = new MemoryStream();
            var lw = new CodedOutputStream(label, leaveOpen: true);
            lw.WriteTag(1, WireFormat.WireType.LengthDelimited);
            lw.WriteString(name);
            lw.WriteTag(2, WireFormat.WireType.LengthDelimited);
            lw.WriteString(value);
            lw.Flush();
            writer.WriteTag(1, WireFormat.WireType.LengthDelimited);
            writer.WriteBytes(ByteString.CopyFrom(label.ToArray()));
        }
        foreach (var (value, timestamp) in series.Samples)
        {
            var sample = new MemoryStream();
            var sw = new CodedOutputStream(sample, leaveOpen: true);
            sw.WriteTag(1, WireFormat.WireType.Fixed64);
            sw.WriteDouble(value);
            sw.WriteTag(2, WireFormat.WireType.Varint);
            sw.WriteInt64(timestamp);
            sw.Flush();
            writer.WriteTag(2, WireFormat.WireType.LengthDelimited);
            writer.WriteBytes(ByteString.CopyFrom(sample.ToArray()));
        }
        writer.Flush();
        return output.ToArray();
    }

    public static byte[] Snappy(byte[] data) => IronSnappy.Snappy.Encode(data);
}
