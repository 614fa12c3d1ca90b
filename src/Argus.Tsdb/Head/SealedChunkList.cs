using Argus.Tsdb.Chunks;

namespace Argus.Tsdb.Head;

/// <summary>
/// The sealed chunks of one series, oldest first. The first chunk is held inline and only the others in an
/// array: most series in a head hold one sealed chunk (every series replayed from a checkpoint of a short
/// window, and every series younger than two chunks), and a million series each paying for an array
/// object of their own cost 64 MB and a million more objects for every collection to mark.
/// </summary>
/// <remarks>A mutable struct kept in a field of <see cref="MemSeries"/>: always used in place, never copied,
/// and guarded by the series' lock like the rest of its state.</remarks>
internal struct SealedChunkList
{
    private SealedChunk _first;
    private SealedChunk[]? _rest;
    private int _count;

    public readonly int Count => _count;

    public readonly SealedChunk this[int index] => index == 0 ? _first : _rest![index - 1];

    public void Add(SealedChunk chunk)
    {
        if (_count == 0)
        {
            _first = chunk;
        }
        else
        {
            if (_rest is null || _count - 1 == _rest.Length)
            {
                Array.Resize(ref _rest, Math.Max(1, (_rest?.Length ?? 0) * 2));
            }
            _rest[_count - 1] = chunk;
        }
        _count++;
    }

    /// <summary>Drops the <paramref name="n"/> oldest chunks.</summary>
    public void RemoveFirst(int n)
    {
        if (n <= 0)
        {
            return;
        }
        if (n >= _count)
        {
            this = default;
            return;
        }
        // The new first chunk moves inline, the rest shift down.
        _first = _rest![n - 1];
        var remaining = _count - n - 1;
        Array.Copy(_rest, n, _rest, 0, remaining);
        Array.Clear(_rest, remaining, _rest.Length - remaining);
        _count -= n;
    }

    public readonly void CopyTo(Span<SealedChunk> destination)
    {
        if (_count == 0)
        {
            return;
        }
        destination[0] = _first;
        _rest.AsSpan(0, _count - 1).CopyTo(destination[1..]);
    }
}
