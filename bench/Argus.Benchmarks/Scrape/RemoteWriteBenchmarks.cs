using Argus.Model.Labels;
using Argus.Scrape.Http;
using Argus.Scrape.RemoteWrite;
using Argus.Storage;
using BenchmarkDotNet.Attributes;
using Google.Protobuf;

namespace Argus.Benchmarks.Scrape;

/// <summary>The remote-write receive path: snappy decode, protobuf decode, label validation (cached after the
/// first request) and append, for a 1 000-series request of one sample each.</summary>
[MemoryDiagnoser]
public class RemoteWriteBenchmarks
{
    private const int Series = 1000;
    private byte[] _body = [];
    private RemoteWriteReceiver _receiver = null!;

    [GlobalSetup]
    public void Setup()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var request = new MemoryStream();
        var writer = new CodedOutputStream(request, leaveOpen: true);
        for (var i = 0; i < Series; i++)
        {
            var series = new MemoryStream();
            var sw = new CodedOutputStream(series, leaveOpen: true);
            foreach (var (name, value) in new[] { ("__name__", "http_requests_total"), ("instance", $"host-{i % 50}:9100"), ("job", "api"), ("path", $"/v1/{i}") })
            {
                var label = new MemoryStream();
                var lw = new CodedOutputStream(label, leaveOpen: true);
                lw.WriteTag(1, WireFormat.WireType.LengthDelimited);
                lw.WriteString(name);
                lw.WriteTag(2, WireFormat.WireType.LengthDelimited);
                lw.WriteString(value);
                lw.Flush();
                sw.WriteTag(1, WireFormat.WireType.LengthDelimited);
                sw.WriteBytes(ByteString.CopyFrom(label.ToArray()));
            }
            var sample = new MemoryStream();
            var ssw = new CodedOutputStream(sample, leaveOpen: true);
            ssw.WriteTag(1, WireFormat.WireType.Fixed64);
            ssw.WriteDouble(i);
            ssw.WriteTag(2, WireFormat.WireType.Varint);
            ssw.WriteInt64(now);
            ssw.Flush();
            sw.WriteTag(2, WireFormat.WireType.LengthDelimited);
            sw.WriteBytes(ByteString.CopyFrom(sample.ToArray()));
            sw.Flush();
            writer.WriteTag(1, WireFormat.WireType.LengthDelimited);
            writer.WriteBytes(ByteString.CopyFrom(series.ToArray()));
        }
        writer.Flush();
        _body = IronSnappy.Snappy.Encode(request.ToArray());
        _receiver = new RemoteWriteReceiver(new DiscardingAppendable(), new RemoteWriteStats());
    }

    [Benchmark(OperationsPerInvoke = Series)]
    public async Task<int> DecodeAndAppend()
    {
        var response = await _receiver.HandleAsync(ReceiverRequest.Create("POST", "/api/v1/write", new MemoryStream(_body),
            ("Content-Type", "application/x-protobuf"), ("Content-Encoding", "snappy")));
        return response.StatusCode;
    }

    /// <summary>Storage stand-in that accepts everything and keeps nothing, so the benchmark measures the receiver.</summary>
    private sealed class DiscardingAppendable : IAppendable, IAppender
    {
        private ulong _next;

        public IAppender CreateAppender() => this;

        public AppendStatus Append(ref SeriesRef series, LabelSet labels, long timestampMs, double value)
        {
            if (series.IsNone)
            {
                series = new SeriesRef(++_next);
            }
            return AppendStatus.Ok;
        }

        public void Commit()
        {
        }

        public void Rollback()
        {
        }
    }
}
