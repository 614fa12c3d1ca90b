using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Hashing;
using System.Text;
using System.Text.Unicode;
using Argus.Model.Labels;
using Argus.Scrape.Http;
using Argus.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Argus.Scrape.RemoteWrite;

/// <summary>
/// The Prometheus remote-write 1.0 receiver (<c>POST /api/v1/write</c>): snappy block-compressed protobuf
/// <c>WriteRequest</c>, decoded by hand over spans, appended in one batch.
/// </summary>
/// <remarks>
/// Answers as Prometheus does: 204 on success; 400 with the reason for an undecodable body and for
/// out-of-order, duplicate, too-old or too-far-in-the-future samples (then nothing of the request is
/// stored, so the sender does not retry forever); 415 for another protocol or encoding; 5xx only when the
/// storage failed and a retry can succeed. Deliberate difference: Prometheus 3 silently drops series with
/// invalid labels in a 1.0 request; Argus stores the valid series and answers 400 naming the invalid ones,
/// as remote-write 2.0 specifies, so the sender learns about the problem.
/// Native histograms, exemplars and metadata are decoded and validated but not stored (the storage
/// interface has no API for them); they are counted in <see cref="RemoteWriteStats"/>.
/// Thread-safe: requests may be handled concurrently.
/// </remarks>
public sealed class RemoteWriteReceiver
{
    /// <summary>Largest compressed body accepted (Prometheus' sender caps batches far below this).</summary>
    public const int DefaultMaxCompressedBytes = 32 << 20;

    /// <summary>Largest decompressed body accepted.</summary>
    public const int DefaultMaxDecompressedBytes = 128 << 20;

    private const int MaxReasons = 10;
    private const int MaxCachedSeries = 1 << 20;
    private static readonly TimeSpan MaxAheadTime = TimeSpan.FromMinutes(10);

    private readonly IAppendable _appendable;
    private readonly RemoteWriteStats _stats;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly int _maxCompressed;
    private readonly int _maxDecompressed;

    /// <summary>Series seen before, by the 128-bit XXH3 hash of their encoded labels: senders repeat a series'
    /// label bytes exactly in every request, so this skips decoding and validating them. The hash stands in for
    /// the bytes, which cost a second copy of every label set (an array of about 150 bytes per series, the
    /// largest part of this cache); two different label encodings meet on one hash with a probability of about
    /// n² / 2¹²⁹, about 10⁻²⁶ for ten million series.</summary>
    private readonly ConcurrentDictionary<UInt128, RemoteWriteSeriesEntry> _series = new(concurrencyLevel: 64, capacity: 1 << 12);
    private int _cachedSeries;

    public RemoteWriteReceiver(IAppendable appendable, RemoteWriteStats stats, ILogger? logger = null, TimeProvider? time = null,
        int maxCompressedBytes = DefaultMaxCompressedBytes, int maxDecompressedBytes = DefaultMaxDecompressedBytes)
    {
        _appendable = appendable;
        _stats = stats;
        _logger = logger ?? NullLogger.Instance;
        _time = time ?? TimeProvider.System;
        _maxCompressed = maxCompressedBytes;
        _maxDecompressed = maxDecompressedBytes;
    }

    /// <summary>Handles one request to the write endpoint.</summary>
    public async Task<ReceiverResponse> HandleAsync(ReceiverRequest request, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _stats.Requests);
        if (!string.Equals(request.Method, "POST", StringComparison.OrdinalIgnoreCase))
        {
            return Reject(405, "method not allowed: remote write expects POST");
        }
        var contentType = request.Header("Content-Type");
        if (!string.IsNullOrEmpty(contentType) && !IsWriteV1ContentType(contentType))
        {
            return Reject(415, $"unsupported Content-Type \"{contentType}\": Argus accepts remote-write 1.0 (application/x-protobuf;proto=prometheus.WriteRequest)");
        }
        var encoding = request.Header("Content-Encoding");
        if (!string.IsNullOrEmpty(encoding) && !string.Equals(encoding, "snappy", StringComparison.OrdinalIgnoreCase))
        {
            return Reject(415, $"unsupported Content-Encoding \"{encoding}\": remote write uses snappy");
        }

        byte[] compressed;
        int compressedLength;
        try
        {
            (compressed, compressedLength) = await BoundedBodyReader.ReadAsync(request, _maxCompressed, cancellationToken).ConfigureAwait(false);
        }
        catch (BodyTooLargeException e)
        {
            return Reject(413, e.Message);
        }
        byte[]? decoded = null;
        try
        {
            int decodedLength;
            try
            {
                var block = compressed.AsSpan(0, compressedLength);
                decodedLength = CheckedDecodedLength(block, _maxDecompressed, out var header);
                decoded = ArrayPool<byte>.Shared.Rent(Math.Max(decodedLength, 1));
                SnappyBlock.Decode(block, header, decoded.AsSpan(0, decodedLength));
            }
            catch (RemoteWriteDecodeException e)
            {
                return Reject(400, e.Message);
            }
            return Write(decoded.AsSpan(0, decodedLength));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(compressed);
            if (decoded is not null)
            {
                ArrayPool<byte>.Shared.Return(decoded);
            }
        }
    }

    /// <summary>Checks the snappy block header's declared length against the limit before allocating, then decodes.</summary>
    public static byte[] Decompress(ReadOnlySpan<byte> block, int maxDecompressedBytes)
    {
        var declared = CheckedDecodedLength(block, maxDecompressedBytes, out var header);
        var output = new byte[declared];
        SnappyBlock.Decode(block, header, output);
        return output;
    }

    /// <summary>The decoded length the block declares, refused when over the limit or when the block could
    /// not possibly expand that much.</summary>
    private static int CheckedDecodedLength(ReadOnlySpan<byte> block, int maxDecompressedBytes, out int header)
    {
        var declared = SnappyBlock.DecodedLength(block, out header);
        if (declared > maxDecompressedBytes)
        {
            throw new RemoteWriteDecodeException($"snappy: decoded length {declared} exceeds the limit of {maxDecompressedBytes} bytes");
        }
        // A snappy block expands at most ~ 64x per byte of input (a 2-byte copy of 64 bytes); a header
        // claiming far more than that is corrupt, and refusing it avoids allocating for a lie.
        if (declared > ((long)(block.Length - header) * 64) + 64)
        {
            throw new RemoteWriteDecodeException($"snappy: corrupt input: declared length {declared} cannot come from {block.Length} bytes");
        }
        return (int)declared;
    }

    private ReceiverResponse Write(ReadOnlySpan<byte> body)
    {
        var appender = _appendable.CreateAppender();
        var outcome = new WriteOutcome();
        var maxTime = _time.GetUtcNow().Add(MaxAheadTime).ToUnixTimeMilliseconds();
        try
        {
            var reader = new ProtoReader(body);
            while (reader.TryReadTag(out var field, out var wireType))
            {
                switch (field)
                {
                    case 1:
                        reader.Expect(wireType, ProtoWireType.LengthDelimited, "WriteRequest.timeseries");
                        var ts = reader.ReadBytes(out var tsOffset);
                        AppendTimeSeries(appender, ts, tsOffset, maxTime, outcome);
                        break;
                    case 3:
                        reader.Expect(wireType, ProtoWireType.LengthDelimited, "WriteRequest.metadata");
                        reader.ReadBytes(out _);
                        Interlocked.Increment(ref _stats.MetadataIgnored);
                        break;
                    default:
                        reader.Skip(wireType, field);
                        break;
                }
                if (outcome.FatalReason is not null)
                {
                    break;
                }
            }
        }
        catch (RemoteWriteDecodeException e)
        {
            appender.Rollback();
            return Reject(400, e.Message);
        }
        catch
        {
            appender.Rollback();
            throw;
        }

        if (outcome.FatalReason is not null)
        {
            // Prometheus rolls back the whole 1.0 request on an out-of-order/duplicate/too-old sample and
            // answers 400, so the sender drops it instead of retrying.
            appender.Rollback();
            Interlocked.Increment(ref _stats.SamplesOutOfOrder);
            return Reject(400, outcome.FatalReason);
        }
        try
        {
            appender.Commit();
        }
        catch (StorageException e)
        {
            _logger.LogError("Remote write commit failed: {Error}", e.Message);
            Interlocked.Increment(ref _stats.RequestsRejected);
            return ReceiverResponse.Text(500, e.Message);
        }
        Interlocked.Add(ref _stats.SamplesAppended, outcome.Appended);
        if (outcome.Reasons.Count > 0)
        {
            Interlocked.Add(ref _stats.SamplesWithInvalidLabels, outcome.InvalidSamples);
            var more = outcome.ReasonCount > MaxReasons ? $"\n(and {outcome.ReasonCount - MaxReasons} more)" : string.Empty;
            return Reject(400, string.Join('\n', outcome.Reasons) + more);
        }
        return ReceiverResponse.Empty(204);
    }

    /// <param name="maxTime">Newest timestamp accepted (now plus the allowed lead), read once per request: reading
    /// the clock per series was the largest single cost of a request in a profile.</param>
    private void AppendTimeSeries(IAppender appender, ReadOnlySpan<byte> ts, int tsOffset, long maxTime, WriteOutcome outcome)
    {
        // Pass 1: the labels. They are normally the leading, contiguous run of field-1 entries, whose raw
        // bytes then key the series cache so a known series costs no decoding.
        var reader = new ProtoReader(ts, tsOffset);
        int labelsStart = -1, labelsEnd = -1;
        var contiguous = true;
        var sampleCount = 0;
        while (true)
        {
            var tagStart = reader.Offset - tsOffset;
            if (!reader.TryReadTag(out var field, out var wireType))
            {
                break;
            }
            if (field == 1)
            {
                reader.Expect(wireType, ProtoWireType.LengthDelimited, "TimeSeries.labels");
                reader.ReadBytes(out _);
                if (labelsStart < 0)
                {
                    labelsStart = tagStart;
                }
                else if (labelsEnd != tagStart)
                {
                    contiguous = false;
                }
                labelsEnd = reader.Offset - tsOffset;
            }
            else
            {
                if (field == 2)
                {
                    sampleCount++;
                }
                reader.Skip(wireType, field);
            }
        }
        RemoteWriteSeriesEntry? entry = null;
        if (labelsStart >= 0 && contiguous)
        {
            var key = XxHash128.HashToUInt128(ts[labelsStart..labelsEnd]);
            if (!_series.TryGetValue(key, out entry))
            {
                var (labels, problem) = DecodeLabels(ts, tsOffset);
                if (problem is not null)
                {
                    outcome.AddReason(problem, sampleCount);
                    return;
                }
                entry = new RemoteWriteSeriesEntry(labels!);
                // ConcurrentDictionary.Count takes every lock of the table; asked once per new series it made
                // concurrent requests that bring many new series queue behind each other, so adds are counted here.
                if (Interlocked.Increment(ref _cachedSeries) > MaxCachedSeries)
                {
                    _series.Clear();
                    Interlocked.Exchange(ref _cachedSeries, 1);
                }
                _series.TryAdd(key, entry);
            }
        }
        else
        {
            var (labels, problem) = DecodeLabels(ts, tsOffset);
            if (problem is not null)
            {
                outcome.AddReason(problem, sampleCount);
                return;
            }
            entry = new RemoteWriteSeriesEntry(labels!);
        }

        // Pass 2: samples, exemplars, histograms.
        reader = new ProtoReader(ts, tsOffset);
        while (reader.TryReadTag(out var field, out var wireType))
        {
            switch (field)
            {
                case 2:
                    reader.Expect(wireType, ProtoWireType.LengthDelimited, "TimeSeries.samples");
                    var sample = reader.ReadBytes(out var sampleOffset);
                    var (value, timestamp) = DecodeSample(sample, sampleOffset);
                    if (timestamp > maxTime)
                    {
                        outcome.FatalReason = $"out of bounds: sample timestamp {timestamp} is more than 10m in the future for series {entry.Labels}";
                        return;
                    }
                    var status = appender.Append(ref entry.Ref, entry.Labels, timestamp, value);
                    if (status != AppendStatus.Ok)
                    {
                        outcome.FatalReason = status switch
                        {
                            AppendStatus.OutOfOrder => $"out of order sample for series {entry.Labels}",
                            AppendStatus.Duplicate => $"duplicate sample for timestamp {timestamp} for series {entry.Labels}",
                            AppendStatus.TooOld => $"too old sample for series {entry.Labels}",
                            _ => $"invalid labels for series {entry.Labels}",
                        };
                        return;
                    }
                    outcome.Appended++;
                    break;
                case 3:
                    reader.Expect(wireType, ProtoWireType.LengthDelimited, "TimeSeries.exemplars");
                    ValidateExemplar(reader.ReadBytes(out var exemplarOffset), exemplarOffset);
                    Interlocked.Increment(ref _stats.ExemplarsDropped);
                    break;
                case 4:
                    reader.Expect(wireType, ProtoWireType.LengthDelimited, "TimeSeries.histograms");
                    reader.ReadBytes(out _);
                    Interlocked.Increment(ref _stats.HistogramsDropped);
                    break;
                default:
                    reader.Skip(wireType, field);
                    break;
            }
        }
    }

    private static (double Value, long Timestamp) DecodeSample(ReadOnlySpan<byte> sample, int offset)
    {
        var reader = new ProtoReader(sample, offset);
        double value = 0;
        long timestamp = 0;
        while (reader.TryReadTag(out var field, out var wireType))
        {
            switch (field)
            {
                case 1:
                    reader.Expect(wireType, ProtoWireType.Fixed64, "Sample.value");
                    value = reader.ReadDouble();
                    break;
                case 2:
                    reader.Expect(wireType, ProtoWireType.Varint, "Sample.timestamp");
                    timestamp = (long)reader.ReadVarint();
                    break;
                default:
                    reader.Skip(wireType, field);
                    break;
            }
        }
        return (value, timestamp);
    }

    private static void ValidateExemplar(ReadOnlySpan<byte> exemplar, int offset)
    {
        var reader = new ProtoReader(exemplar, offset);
        while (reader.TryReadTag(out var field, out var wireType))
        {
            switch (field)
            {
                case 1:
                    reader.Expect(wireType, ProtoWireType.LengthDelimited, "Exemplar.labels");
                    var label = reader.ReadBytes(out var labelOffset);
                    ReadLabel(label, labelOffset, out _, out _);
                    break;
                case 2:
                    reader.Expect(wireType, ProtoWireType.Fixed64, "Exemplar.value");
                    reader.ReadDouble();
                    break;
                case 3:
                    reader.Expect(wireType, ProtoWireType.Varint, "Exemplar.timestamp");
                    reader.ReadVarint();
                    break;
                default:
                    reader.Skip(wireType, field);
                    break;
            }
        }
    }

    /// <summary>Decodes and validates a series' labels: sorted strictly by name, valid UTF-8 names and values, a metric name.
    /// Returns the labels, or a reason for a 400 answer.</summary>
    private static (LabelSet? Labels, string? Problem) DecodeLabels(ReadOnlySpan<byte> ts, int tsOffset)
    {
        var reader = new ProtoReader(ts, tsOffset);
        var builder = new LabelSetBuilder();
        var previous = ReadOnlySpan<byte>.Empty;
        var first = true;
        string? problem = null;
        while (reader.TryReadTag(out var field, out var wireType))
        {
            if (field != 1)
            {
                reader.Skip(wireType, field);
                continue;
            }
            var label = reader.ReadBytes(out var labelOffset);
            ReadLabel(label, labelOffset, out var name, out var value);
            if (problem is not null)
            {
                continue;
            }
            if (name.IsEmpty || !Utf8.IsValid(name))
            {
                problem = "invalid label name";
            }
            else if (!Utf8.IsValid(value))
            {
                problem = $"invalid UTF-8 in the value of label \"{Encoding.UTF8.GetString(name)}\"";
            }
            else if (!first && name.SequenceCompareTo(previous) <= 0)
            {
                problem = name.SequenceEqual(previous)
                    ? $"duplicated label {Encoding.UTF8.GetString(name)}"
                    : $"labels are not sorted by name (\"{Encoding.UTF8.GetString(name)}\" after \"{Encoding.UTF8.GetString(previous)}\")";
            }
            else
            {
                builder.Set(Encoding.UTF8.GetString(name), Encoding.UTF8.GetString(value));
            }
            previous = name;
            first = false;
        }
        var labels = builder.Build();
        if (problem is null && labels.MetricName.Length == 0)
        {
            problem = "missing metric name (__name__ label)";
        }
        return problem is null ? (labels, null) : (null, $"invalid labels for series {labels}: {problem}");
    }

    private static void ReadLabel(ReadOnlySpan<byte> label, int offset, out ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value)
    {
        var reader = new ProtoReader(label, offset);
        name = [];
        value = [];
        while (reader.TryReadTag(out var field, out var wireType))
        {
            switch (field)
            {
                case 1:
                    reader.Expect(wireType, ProtoWireType.LengthDelimited, "Label.name");
                    name = reader.ReadBytes(out _);
                    break;
                case 2:
                    reader.Expect(wireType, ProtoWireType.LengthDelimited, "Label.value");
                    value = reader.ReadBytes(out _);
                    break;
                default:
                    reader.Skip(wireType, field);
                    break;
            }
        }
    }

    private static bool IsWriteV1ContentType(string contentType)
    {
        var parts = contentType.Split(';', StringSplitOptions.TrimEntries);
        if (!string.Equals(parts[0], "application/x-protobuf", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        foreach (var part in parts.Skip(1))
        {
            if (part.StartsWith("proto=", StringComparison.OrdinalIgnoreCase) &&
                !string.Equals(part[6..], "prometheus.WriteRequest", StringComparison.Ordinal))
            {
                return false;
            }
        }
        return true;
    }

    private ReceiverResponse Reject(int status, string reason)
    {
        Interlocked.Increment(ref _stats.RequestsRejected);
        return ReceiverResponse.Text(status, reason);
    }

    /// <summary>Per-request results. Not shared between threads.</summary>
    private sealed class WriteOutcome
    {
        public List<string> Reasons { get; } = [];

        public int ReasonCount;
        public long Appended;
        public long InvalidSamples;
        public string? FatalReason;

        public void AddReason(string reason, int samples)
        {
            ReasonCount++;
            InvalidSamples += samples;
            if (Reasons.Count < MaxReasons)
            {
                Reasons.Add(reason);
            }
        }
    }
}
