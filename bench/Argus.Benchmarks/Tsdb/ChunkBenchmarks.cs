using Argus.Benchmarks.Data;
using Argus.Tsdb.Chunks;
using BenchmarkDotNet.Attributes;

namespace Argus.Benchmarks.Tsdb;

/// <summary>Encoding and decoding one 120-sample chunk of node-exporter-like data.</summary>
[MemoryDiagnoser]
public class ChunkBenchmarks
{
    private readonly long[] _times = new long[XorEncoder.TargetSamples];
    private readonly double[] _values = new double[XorEncoder.TargetSamples];
    private XorEncoder _encoded;

    [Params(ValueKind.CentiCounter, ValueKind.FloatNoise)]
    public ValueKind Kind { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var data = new NodeExporterLikeData(instances: 1);
        var series = Array.IndexOf(data.Kinds, Kind);
        for (var i = 0; i < _times.Length; i++)
        {
            _times[i] = data.Timestamp(i, series);
            _values[i] = data.NextValue(series);
        }
        _encoded = Encode();
    }

    [Benchmark(OperationsPerInvoke = XorEncoder.TargetSamples)]
    public int EncodeChunk() => Encode().BitLength;

    [Benchmark(OperationsPerInvoke = XorEncoder.TargetSamples)]
    public double DecodeChunk()
    {
        var decoder = new XorDecoder(_encoded.Buffer, _encoded.BitLength, _encoded.Count);
        var sum = 0.0;
        while (decoder.Next())
        {
            sum += decoder.Value;
        }
        return sum;
    }

    private XorEncoder Encode()
    {
        var encoder = XorEncoder.Create(256);
        for (var i = 0; i < _times.Length; i++)
        {
            encoder.Append(_times[i], _values[i]);
        }
        return encoder;
    }
}
