using System.Buffers.Binary;
using System.Text;

namespace Argus.LoadTool.RemoteWrite;

/// <summary>
/// Hand-written protobuf encoder for a remote-write 1.0 <c>prometheus.WriteRequest</c>:
/// <c>WriteRequest { repeated TimeSeries timeseries = 1; }</c>,
/// <c>TimeSeries { repeated Label labels = 1; repeated Sample samples = 2; }</c>,
/// <c>Label { string name = 1; string value = 2; }</c>, <c>Sample { double value = 1; int64 timestamp = 2; }</c>.
/// </summary>
/// <remarks>
/// Each call to <see cref="Add"/> appends one TimeSeries with one sample straight into a reused buffer (no
/// per-sample allocation). Not thread-safe: one encoder per sending worker. The caller passes labels sorted by
/// name, as the protocol requires.
/// </remarks>
internal sealed class WriteRequestEncoder
{
    private const byte TimeSeriesTag = (1 << 3) | 2;
    private const byte LabelTag = (1 << 3) | 2;
    private const byte SampleTag = (2 << 3) | 2;
    private const byte LabelNameTag = (1 << 3) | 2;
    private const byte LabelValueTag = (2 << 3) | 2;
    private const byte SampleValueTag = (1 << 3) | 1;
    private const byte SampleTimestampTag = (2 << 3) | 0;

    private byte[] _buffer = new byte[64 * 1024];
    private int _length;

    /// <summary>Samples added since the last <see cref="Reset"/>.</summary>
    public int Samples { get; private set; }

    /// <summary>The encoded WriteRequest so far; valid until the next mutation.</summary>
    public ReadOnlySpan<byte> Encoded => _buffer.AsSpan(0, _length);

    public void Reset()
    {
        _length = 0;
        Samples = 0;
    }

    /// <summary>Appends a TimeSeries holding <paramref name="labelPairs"/> (name, value, name, value, ...) and one sample.</summary>
    public void Add(string[] labelPairs, double value, long timestampMs)
    {
        var labelsSize = 0;
        for (var i = 0; i < labelPairs.Length; i += 2)
        {
            var size = LabelSize(labelPairs[i], labelPairs[i + 1]);
            labelsSize += 1 + VarintSize((ulong)size) + size;
        }
        var sampleSize = 1 + 8 + 1 + VarintSize((ulong)timestampMs);
        var seriesSize = labelsSize + 1 + VarintSize((ulong)sampleSize) + sampleSize;
        EnsureCapacity(1 + VarintSize((ulong)seriesSize) + seriesSize);

        _buffer[_length++] = TimeSeriesTag;
        WriteVarint((ulong)seriesSize);
        for (var i = 0; i < labelPairs.Length; i += 2)
        {
            _buffer[_length++] = LabelTag;
            WriteVarint((ulong)LabelSize(labelPairs[i], labelPairs[i + 1]));
            WriteString(LabelNameTag, labelPairs[i]);
            WriteString(LabelValueTag, labelPairs[i + 1]);
        }
        _buffer[_length++] = SampleTag;
        WriteVarint((ulong)sampleSize);
        _buffer[_length++] = SampleValueTag;
        BinaryPrimitives.WriteDoubleLittleEndian(_buffer.AsSpan(_length), value);
        _length += 8;
        _buffer[_length++] = SampleTimestampTag;
        WriteVarint((ulong)timestampMs);
        Samples++;
    }

    private static int LabelSize(string name, string value)
    {
        var n = Encoding.UTF8.GetByteCount(name);
        var v = Encoding.UTF8.GetByteCount(value);
        return 1 + VarintSize((ulong)n) + n + 1 + VarintSize((ulong)v) + v;
    }

    private static int VarintSize(ulong value)
    {
        var size = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            size++;
        }
        return size;
    }

    private void WriteString(byte tag, string text)
    {
        _buffer[_length++] = tag;
        WriteVarint((ulong)Encoding.UTF8.GetByteCount(text));
        _length += Encoding.UTF8.GetBytes(text, _buffer.AsSpan(_length));
    }

    private void WriteVarint(ulong value)
    {
        while (value >= 0x80)
        {
            _buffer[_length++] = (byte)(value | 0x80);
            value >>= 7;
        }
        _buffer[_length++] = (byte)value;
    }

    private void EnsureCapacity(int extra)
    {
        if (_length + extra > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + extra));
        }
    }
}
