using Argus.Model.Histograms;
using Argus.Model.Labels;

namespace Argus.Storage.InMemory;

/// <summary>The samples of one series, kept sorted by timestamp. Guarded by the storage's lock.</summary>
internal sealed class InMemorySeries(LabelSet labels)
{
    private long[] _timestamps = new long[16];
    private double[] _values = new double[16];

    // Null until the first histogram arrives, so float-only series (nearly all) carry no third array.
    private FloatHistogram?[]? _histograms;
    private int _count;

    public LabelSet Labels { get; } = labels;

    /// <summary>Stores a float sample, or with <paramref name="h"/> a histogram sample (whose float slot is unused).</summary>
    public void Add(long t, double v, FloatHistogram? h = null)
    {
        if (h is not null)
        {
            _histograms ??= new FloatHistogram?[_timestamps.Length];
        }
        int index;
        if (_count > 0 && _timestamps[_count - 1] >= t)
        {
            index = Array.BinarySearch(_timestamps, 0, _count, t);
            if (index < 0)
            {
                Grow();
                index = ~index;
                Array.Copy(_timestamps, index, _timestamps, index + 1, _count - index);
                Array.Copy(_values, index, _values, index + 1, _count - index);
                if (_histograms is not null)
                {
                    Array.Copy(_histograms, index, _histograms, index + 1, _count - index);
                }
                _count++;
            }
        }
        else
        {
            Grow();
            index = _count++;
        }
        _timestamps[index] = t;
        _values[index] = v;
        if (_histograms is not null)
        {
            _histograms[index] = h;
        }
    }

    private void Grow()
    {
        if (_count == _timestamps.Length)
        {
            Array.Resize(ref _timestamps, _count * 2);
            Array.Resize(ref _values, _count * 2);
            if (_histograms is not null)
            {
                Array.Resize(ref _histograms, _count * 2);
            }
        }
    }

    /// <summary>Copies of the samples with timestamps in [min, max]; the histograms array is null when
    /// the slice holds none.</summary>
    public (long[] Timestamps, double[] Values, FloatHistogram?[]? Histograms) Slice(long min, long max)
    {
        var lo = LowerBound(min);
        var hi = LowerBound(max == long.MaxValue ? max : max + 1);
        FloatHistogram?[]? histograms = null;
        if (_histograms is not null)
        {
            for (var i = lo; i < hi; i++)
            {
                if (_histograms[i] is { } h)
                {
                    histograms ??= new FloatHistogram?[hi - lo];
                    histograms[i - lo] = WithStoredHint(h, i);
                }
            }
        }
        return (_timestamps[lo..hi], _values[lo..hi], histograms);
    }

    /// <summary>
    /// The hint a reader sees, as Prometheus' chunks give it: a counter histogram whose hint is unknown
    /// and that follows another counter histogram is marked reset or not reset by comparing the two; the
    /// first histogram after a float (or of the series) stays unknown, and gauges stay gauges.
    /// </summary>
    private FloatHistogram WithStoredHint(FloatHistogram h, int index)
    {
        if (h.CounterResetHint != CounterResetHint.Unknown || index == 0 || _histograms![index - 1] is not { } previous
            || previous.CounterResetHint == CounterResetHint.Gauge)
        {
            return h;
        }
        return h.WithHint(h.DetectReset(previous) ? CounterResetHint.Reset : CounterResetHint.NotReset);
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
