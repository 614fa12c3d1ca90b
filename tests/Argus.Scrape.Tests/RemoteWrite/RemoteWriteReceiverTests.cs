using System.Diagnostics;
using Argus.Model.Labels;
using Argus.Scrape.Http;
using Argus.Scrape.RemoteWrite;
using Argus.Scrape.Tests.Support;
using Argus.Storage;
using static Argus.Scrape.Tests.RemoteWrite.WriteRequestEncoder;

namespace Argus.Scrape.Tests.RemoteWrite;

public sealed class RemoteWriteReceiverTests
{
    private static readonly long Now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    private static ReceiverRequest Post(byte[] compressed, string contentType = "application/x-protobuf", string encoding = "snappy") =>
        ReceiverRequest.Create("POST", "/api/v1/write", new MemoryStream(compressed),
            ("Content-Type", contentType), ("Content-Encoding", encoding), ("X-Prometheus-Remote-Write-Version", "0.1.0"));

    private static Series Good(string name, double value, long? ts = null) =>
        new([("__name__", name), ("job", "j")], [(value, ts ?? Now)]);

    [Fact]
    public async Task A_valid_request_is_stored_and_answered_with_204()
    {
        var storage = new RecordingAppendable();
        var stats = new RemoteWriteStats();
        var receiver = new RemoteWriteReceiver(storage, stats);
        var body = Snappy(Encode(Good("a", 1.5), new Series([("__name__", "b"), ("x", "ü")], [(2, Now), (3, Now + 1000)])));

        var response = await receiver.HandleAsync(Post(body));
        Assert.Equal(204, response.StatusCode);
        Assert.Equal(3, storage.Committed.Count);
        Assert.Equal(LabelSet.FromPairs("__name__", "a", "job", "j"), storage.Committed[0].Labels);
        Assert.Equal(1.5, storage.Committed[0].Value);
        Assert.Equal(Now + 1000, storage.Committed[2].TimestampMs);
        Assert.Equal("ü", storage.Committed[2].Labels.Get("x"));

        // The same series again goes through the raw-label cache and lands on the same labels.
        Assert.Equal(204, (await receiver.HandleAsync(Post(Snappy(Encode(Good("a", 2.5, Now + 5)))))).StatusCode);
        Assert.Equal(LabelSet.FromPairs("__name__", "a", "job", "j"), storage.Committed[3].Labels);
        Assert.Equal(4, stats.SamplesAppended);
    }

    [Fact]
    public async Task Many_similar_series_sent_twice_each_keep_their_own_labels_through_the_cache()
    {
        var storage = new RecordingAppendable();
        var receiver = new RemoteWriteReceiver(storage, new RemoteWriteStats());
        const int Many = 20_000;
        Series Nth(int i, long t) => new([("__name__", "m" + (i % 7)), ("instance", "host-" + (i / 7)), ("slot", (i % 13).ToString(System.Globalization.CultureInfo.InvariantCulture))], [(i, t)]);
        for (var round = 0; round < 2; round++)
        {
            var batch = Enumerable.Range(0, Many).Select(i => Nth(i, Now + round)).ToArray();
            Assert.Equal(204, (await receiver.HandleAsync(Post(Snappy(Encode(batch))))).StatusCode);
        }
        Assert.Equal(2 * Many, storage.Committed.Count);
        foreach (var sample in storage.Committed)
        {
            var i = (int)sample.Value;
            Assert.Equal(LabelSet.FromPairs("__name__", "m" + (i % 7), "instance", "host-" + (i / 7), "slot", (i % 13).ToString(System.Globalization.CultureInfo.InvariantCulture)), sample.Labels);
        }
    }

    [Theory]
    [InlineData(new[] { "__name__", "a", "z", "1", "b", "2" }, "labels are not sorted by name")]
    [InlineData(new[] { "__name__", "a", "b", "1", "b", "2" }, "duplicated label b")]
    [InlineData(new[] { "job", "x" }, "missing metric name")]
    [InlineData(new[] { "", "x", "__name__", "a" }, "invalid label name")]
    public async Task Invalid_labels_are_answered_with_400_and_the_valid_series_are_kept(string[] pairs, string reason)
    {
        var storage = new RecordingAppendable();
        var receiver = new RemoteWriteReceiver(storage, new RemoteWriteStats());
        var labels = Enumerable.Range(0, pairs.Length / 2).Select(i => (pairs[2 * i], pairs[(2 * i) + 1])).ToArray();
        var response = await receiver.HandleAsync(Post(Snappy(Encode(new Series(labels, [(1, Now)]), Good("ok", 1)))));
        Assert.Equal(400, response.StatusCode);
        Assert.Contains(reason, response.BodyText, StringComparison.Ordinal);
        Assert.Equal("ok", Assert.Single(storage.Committed).Labels.MetricName);
    }

    [Theory]
    [InlineData(AppendStatus.OutOfOrder, "out of order sample")]
    [InlineData(AppendStatus.Duplicate, "duplicate sample for timestamp")]
    [InlineData(AppendStatus.TooOld, "too old sample")]
    public async Task Rejected_samples_roll_back_the_request_and_answer_400(AppendStatus status, string reason)
    {
        var storage = new RecordingAppendable { Decide = (labels, _, _) => labels.MetricName == "bad" ? status : AppendStatus.Ok };
        var receiver = new RemoteWriteReceiver(storage, new RemoteWriteStats());
        var response = await receiver.HandleAsync(Post(Snappy(Encode(Good("ok", 1), Good("bad", 1)))));
        Assert.Equal(400, response.StatusCode);
        Assert.Contains(reason, response.BodyText, StringComparison.Ordinal);
        Assert.Empty(storage.Committed);
    }

    [Fact]
    public async Task Samples_too_far_in_the_future_are_out_of_bounds()
    {
        var storage = new RecordingAppendable();
        var receiver = new RemoteWriteReceiver(storage, new RemoteWriteStats());
        var response = await receiver.HandleAsync(Post(Snappy(Encode(Good("a", 1, Now + (3600 * 1000))))));
        Assert.Equal(400, response.StatusCode);
        Assert.StartsWith("out of bounds", response.BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Storage_failures_are_retryable_500s()
    {
        var storage = new RecordingAppendable { FailNextCommit = new StorageException("wal: disk full") };
        var receiver = new RemoteWriteReceiver(storage, new RemoteWriteStats());
        var response = await receiver.HandleAsync(Post(Snappy(Encode(Good("a", 1)))));
        Assert.Equal(500, response.StatusCode);
        Assert.Equal("wal: disk full\n", response.BodyText);
    }

    [Fact]
    public async Task Unknown_fields_and_groups_are_skipped()
    {
        var series = EncodeSeries(Good("a", 1));
        // field 9 varint, field 10 fixed32, field 11 group containing field 1 varint, inside the TimeSeries and the request.
        byte[] unknown = [0x48, 0x05, 0x55, 1, 2, 3, 4, 0x5B, 0x08, 0x01, 0x5C];
        byte[] request = [.. unknown, 0x0A, (byte)(series.Length + unknown.Length), .. series, .. unknown, .. unknown];
        var storage = new RecordingAppendable();
        var response = await new RemoteWriteReceiver(storage, new RemoteWriteStats()).HandleAsync(Post(Snappy(request)));
        Assert.Equal(204, response.StatusCode);
        Assert.Single(storage.Committed);
    }

    [Theory]
    [InlineData(new byte[] { 0x0A, 0x05, 0x0A }, "length 5 runs past the end")]
    [InlineData(new byte[] { 0x0A, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 }, "varint")]
    [InlineData(new byte[] { 0x5B, 0x08, 0x01 }, "unterminated group")]
    [InlineData(new byte[] { 0x5C }, "unexpected end-group")]
    [InlineData(new byte[] { 0x08, 0x01 }, "WriteRequest.timeseries has wire type 0")]
    [InlineData(new byte[] { 0x0F }, "invalid wire type 7")]
    public async Task Malformed_protobuf_is_a_400_naming_the_byte_offset(byte[] request, string reason)
    {
        var response = await new RemoteWriteReceiver(new RecordingAppendable(), new RemoteWriteStats()).HandleAsync(Post(Snappy(request)));
        Assert.Equal(400, response.StatusCode);
        Assert.Contains("protobuf decode error at byte", response.BodyText, StringComparison.Ordinal);
        Assert.Contains(reason, response.BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deeply_nested_groups_are_refused_without_stack_overflow()
    {
        var depth = 100_000;
        var request = new byte[depth * 2];
        for (var i = 0; i < depth; i++)
        {
            request[i] = 0x5B;
            request[depth + i] = 0x5C;
        }
        var response = await new RemoteWriteReceiver(new RecordingAppendable(), new RemoteWriteStats()).HandleAsync(Post(Snappy(request)));
        Assert.Equal(400, response.StatusCode);
        Assert.Contains("nested deeper than 64", response.BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_snappy_is_a_400_and_a_lying_length_header_allocates_nothing_big()
    {
        var receiver = new RemoteWriteReceiver(new RecordingAppendable(), new RemoteWriteStats());
        var garbage = await receiver.HandleAsync(Post([0x05, 0xFF, 0xFF, 0xFF]));
        Assert.Equal(400, garbage.StatusCode);
        Assert.StartsWith("snappy: corrupt input", garbage.BodyText, StringComparison.Ordinal);

        byte[] huge = [0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x00];
        var before = GC.GetAllocatedBytesForCurrentThread();
        var response = await receiver.HandleAsync(Post(huge));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20);
        Assert.Equal(400, response.StatusCode);
        Assert.Contains("exceeds the limit", response.BodyText, StringComparison.Ordinal);

        byte[] lie = [0x80, 0x80, 0x40, 0x00, 0x00];
        response = await receiver.HandleAsync(Post(lie));
        Assert.Equal(400, response.StatusCode);
        Assert.Contains("cannot come from", response.BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_method_protocol_encoding_and_size_are_refused()
    {
        var receiver = new RemoteWriteReceiver(new RecordingAppendable(), new RemoteWriteStats(), maxCompressedBytes: 100);
        var body = Snappy(Encode(Good("a", 1)));
        Assert.Equal(405, (await receiver.HandleAsync(ReceiverRequest.Create("GET", "/api/v1/write", Stream.Null))).StatusCode);
        Assert.Equal(415, (await receiver.HandleAsync(Post(body, "application/x-protobuf;proto=io.prometheus.write.v2.Request"))).StatusCode);
        Assert.Equal(415, (await receiver.HandleAsync(Post(body, encoding: "zstd"))).StatusCode);
        var declaredTooBig = ReceiverRequest.Create("POST", "/api/v1/write", new MemoryStream(body), ("Content-Length", "1000000"));
        Assert.Equal(413, (await receiver.HandleAsync(declaredTooBig)).StatusCode);
        var actuallyTooBig = await receiver.HandleAsync(Post(new byte[5000]));
        Assert.Equal(413, actuallyTooBig.StatusCode);
        Assert.Equal(204, (await receiver.HandleAsync(Post(body))).StatusCode);
    }

    [Fact]
    public async Task A_body_without_a_length_is_refused_at_the_limit_not_read_whole()
    {
        var receiver = new RemoteWriteReceiver(new RecordingAppendable(), new RemoteWriteStats(), maxCompressedBytes: 1 << 20);
        var endless = new EndlessStream();
        var response = await receiver.HandleAsync(ReceiverRequest.Create("POST", "/api/v1/write", endless,
            ("Content-Type", "application/x-protobuf"), ("Content-Encoding", "snappy")));
        Assert.Equal(413, response.StatusCode);
        Assert.InRange(endless.BytesRead, (1 << 20) + 1, 2 << 20);
    }

    [Fact]
    public async Task A_huge_label_value_is_stored_intact_with_memory_bounded_by_its_size()
    {
        var storage = new RecordingAppendable();
        var receiver = new RemoteWriteReceiver(storage, new RemoteWriteStats());
        var value = new string('v', 8 << 20);
        var body = Snappy(Encode(new Series([("__name__", "big"), ("blob", value)], [(1, Now)])));
        var before = GC.GetAllocatedBytesForCurrentThread();
        var response = await receiver.HandleAsync(Post(body));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(204, response.StatusCode);
        Assert.Equal(value, Assert.Single(storage.Committed).Labels.Get("blob"));
        // The decoded body, the string and its interned copy, each a small multiple of 8 MiB: never quadratic.
        Assert.True(allocated < 128L << 20, $"decoding an 8 MiB label value allocated {allocated} bytes");

        // Past the decoded-size limit the same request is refused before it is decompressed.
        var limited = new RemoteWriteReceiver(new RecordingAppendable(), new RemoteWriteStats(), maxDecompressedBytes: 1 << 20);
        response = await limited.HandleAsync(Post(body));
        Assert.Equal(400, response.StatusCode);
        Assert.Contains("exceeds the limit of 1048576 bytes", response.BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fuzzed_bodies_never_crash_hang_or_answer_5xx()
    {
        var receiver = new RemoteWriteReceiver(new RecordingAppendable(), new RemoteWriteStats());
        var seed = Encode(Good("a", 1), new Series([("__name__", "b"), ("l", "v")], [(2, Now), (3, Now + 1)]));
        var random = new Random(424242);
        var watch = Stopwatch.StartNew();
        var accepted = 0;
        for (var i = 0; i < 5000; i++)
        {
            var proto = (byte[])seed.Clone();
            for (var m = random.Next(1, 4); m > 0; m--)
            {
                proto[random.Next(proto.Length)] = (byte)random.Next(256);
            }
            var compressed = i % 5 == 0 ? RandomBytes(random) : Snappy(proto);
            if (i % 7 == 0 && compressed.Length > 2)
            {
                compressed[random.Next(compressed.Length)] ^= (byte)(1 << random.Next(8));
            }
            var response = await receiver.HandleAsync(Post(compressed));
            Assert.True(response.StatusCode is 204 or 400, $"status {response.StatusCode}: {response.BodyText}");
            if (response.StatusCode == 400)
            {
                Assert.NotEmpty(response.BodyText.Trim());
            }
            else
            {
                accepted++;
            }
        }
        Assert.True(accepted > 0);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20));
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(0, 64)];
        random.NextBytes(bytes);
        return bytes;
    }
}
