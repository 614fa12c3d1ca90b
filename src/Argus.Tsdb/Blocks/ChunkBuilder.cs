using Argus.Storage;
using Argus.Tsdb.Chunks;

namespace Argus.Tsdb.Blocks;

/// <summary>Re-encodes a sample stream into sealed chunks of at most <see cref="XorEncoder.TargetSamples"/> samples.</summary>
internal static class ChunkBuilder
{
    /// <summary>Encodes the samples of <paramref name="iterator"/> with minTime ≤ t &lt; maxTimeExclusive.</summary>
    public static List<SealedChunk> Encode(ISampleIterator iterator, long minTime, long maxTimeExclusive, out long samples)
    {
        var chunks = new List<SealedChunk>();
        var encoder = default(XorEncoder);
        samples = 0;
        var kind = iterator.Seek(minTime);
        while (kind == SampleKind.Float && iterator.Timestamp < maxTimeExclusive)
        {
            if (!encoder.IsInitialized || encoder.Count >= XorEncoder.TargetSamples)
            {
                Flush(ref encoder, chunks);
                encoder = XorEncoder.Create(128);
            }
            encoder.Append(iterator.Timestamp, iterator.Value);
            samples++;
            kind = iterator.Next();
        }
        if (iterator.Error is { } error)
        {
            throw new StorageException("reading samples for a block failed: " + error.Message, error);
        }
        Flush(ref encoder, chunks);
        return chunks;
    }

    private static void Flush(ref XorEncoder encoder, List<SealedChunk> chunks)
    {
        if (encoder.IsInitialized && encoder.Count > 0)
        {
            chunks.Add(new SealedChunk(encoder.ToSealedBytes(), encoder.BitLength, encoder.Count, encoder.MinTime, encoder.MaxTime));
        }
    }
}
