using System.Buffers;

namespace Argus.PromQL.Engine;

/// <summary>
/// The samples of every series one selector read, back to back in two arrays rented from the shared
/// pools: two rentals per selection instead of two arrays per series, and the same arrays serve the
/// next query once <see cref="Return"/> has given them back. Series address their samples by offset,
/// so growing (which moves the samples to bigger arrays) leaves them valid.
/// </summary>
/// <remarks>Owned by one evaluation; not thread-safe. After <see cref="Return"/> no series of the
/// selection may be read.</remarks>
internal sealed class SampleArena
{
    private const int InitialCapacity = 1024;
    private long[] _timestamps = ArrayPool<long>.Shared.Rent(InitialCapacity);
    private double[] _values = ArrayPool<double>.Shared.Rent(InitialCapacity);

    /// <summary>Samples appended so far; the next series starts here.</summary>
    public int Length { get; private set; }

    public void Add(long timestamp, double value)
    {
        if (Length == _timestamps.Length)
        {
            Grow();
        }
        _timestamps[Length] = timestamp;
        _values[Length] = value;
        Length++;
    }

    /// <summary>Makes room for at least <paramref name="count"/> more samples after <see cref="Length"/>,
    /// to be filled in place through <see cref="FreeTimestamps"/> and <see cref="FreeValues"/> and kept
    /// with <see cref="Commit"/>.</summary>
    public void Reserve(int count)
    {
        while (_timestamps.Length - Length < count)
        {
            Grow();
        }
    }

    public Span<long> FreeTimestamps => _timestamps.AsSpan(Length);

    public Span<double> FreeValues => _values.AsSpan(Length);

    /// <summary>Keeps <paramref name="count"/> samples written into the free space.</summary>
    public void Commit(int count) => Length += count;

    public ReadOnlySpan<long> Timestamps(int offset, int count) => _timestamps.AsSpan(offset, count);

    public ReadOnlySpan<double> Values(int offset, int count) => _values.AsSpan(offset, count);

    public void Return()
    {
        if (_timestamps.Length == 0)
        {
            return;
        }
        ArrayPool<long>.Shared.Return(_timestamps);
        ArrayPool<double>.Shared.Return(_values);
        _timestamps = [];
        _values = [];
        Length = 0;
    }

    private void Grow()
    {
        var timestamps = ArrayPool<long>.Shared.Rent(Math.Max(InitialCapacity, _timestamps.Length * 2));
        var values = ArrayPool<double>.Shared.Rent(Math.Max(InitialCapacity, _values.Length * 2));
        _timestamps.AsSpan(0, Length).CopyTo(timestamps);
        _values.AsSpan(0, Length).CopyTo(values);
        ArrayPool<long>.Shared.Return(_timestamps);
        ArrayPool<double>.Shared.Return(_values);
        _timestamps = timestamps;
        _values = values;
    }
}
