using Argus.Tsdb.Chunks;
using Argus.Tsdb.Head;

namespace Argus.Tsdb.Tests;

public class SealedChunkListTests
{
    private static SealedChunk Chunk(int n) => new([], 0, n, n * 100L, (n * 100L) + 99);

    private static int[] Counts(in SealedChunkList list)
    {
        var copy = new SealedChunk[list.Count];
        list.CopyTo(copy);
        var byIndex = new int[list.Count];
        for (var i = 0; i < byIndex.Length; i++)
        {
            byIndex[i] = list[i].Count;
        }
        Assert.Equal(byIndex, copy.Select(c => c.Count).ToArray());
        return byIndex;
    }

    [Fact]
    public void Chunks_keep_their_order_across_the_inline_slot_and_the_array()
    {
        var list = default(SealedChunkList);
        Assert.Empty(Counts(list));
        for (var i = 1; i <= 7; i++)
        {
            list.Add(Chunk(i));
            Assert.Equal(Enumerable.Range(1, i).ToArray(), Counts(list));
        }
    }

    [Theory]
    [InlineData(5, 0, new[] { 1, 2, 3, 4, 5 })]
    [InlineData(5, 1, new[] { 2, 3, 4, 5 })]
    [InlineData(5, 3, new[] { 4, 5 })]
    [InlineData(5, 4, new[] { 5 })]
    [InlineData(5, 5, new int[0])]
    [InlineData(2, 9, new int[0])]
    [InlineData(1, 1, new int[0])]
    public void Removing_the_oldest_chunks_keeps_the_rest_in_order(int added, int removed, int[] expected)
    {
        var list = default(SealedChunkList);
        for (var i = 1; i <= added; i++)
        {
            list.Add(Chunk(i));
        }
        list.RemoveFirst(removed);
        Assert.Equal(expected, Counts(list));
        // The list stays usable: new chunks go after the kept ones.
        list.Add(Chunk(42));
        Assert.Equal([.. expected, 42], Counts(list));
    }
}
