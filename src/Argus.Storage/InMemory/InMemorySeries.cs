using Argus.Model.Labels;

namespace Argus.Storage.InMemory;

/// <summary>The samples of one series, kept sorted by timestamp. Guarded by the storage's lock.</summary>
internal sealed class InMemorySeries(LabelSet labels)
{
    private long[] _timestamps = new long[16];
    private double[] _values = new double[16];
    private int _count;

    public LabelSet Labels { get; } = labels;

    public void Add(long t, double v)
    {
        if (_count > 0 && _timestamps[_count - 1] >= t)
        {
            var index = Array.BinarySearch(_timestamps, 0, _count, t);
            if (index >= 0)
            {
                _values[index] = v;
                return;
            }
            Grow();
            index = ~index;
            Array.Copy(_timestamps, index, _timestamps, index + 1, _count - index);
            Array.Copy(_values, index, _values, index + 1, _count - index);
            _timestamps[index] = t;
            _values[index] = v;
            _count++;
            return;
        }
        Grow();
        _timestamps[_count] = t;
        _values[_count] = v;
        _count++;
    }

    private void Grow()
    {
        if (_count == _timestamps.Length)
        {
            Array.Resize(ref _timestamps, _count * 2);
            Array.Resize(ref _values, _count * 2);
        }
    }

    /// <summary>Copies of the samples with timestamps in [min, max].</summary>
    public (long[] Timestamps, double[] Values) Slice(long min, long max)
    {
        var lo = LowerBound(min);
        var hi = LowerBound(max == long.MaxValue ? max : max + 1);
        return (_timestamps[lo..hi], _values[lo..hi]);
    }

    private int LowerBound(long t)
    {
        int lo = 0, hi = _count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_timestamps[mid] < t)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }
}
