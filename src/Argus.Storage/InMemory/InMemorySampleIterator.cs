using Argus.Model.Histograms;

namespace Argus.Storage.InMemory;

/// <summary>Iterates a snapshot's arrays; reusable through <see cref="Reset"/>. Not thread-safe.</summary>
internal sealed class InMemorySampleIterator : ISampleIterator
{
    private long[] _timestamps = [];
    private double[] _values = [];
    private FloatHistogram?[]? _histograms;
    private int _index = -1;

    public void Reset(long[] timestamps, double[] values, FloatHistogram?[]? histograms)
    {
        _timestamps = timestamps;
        _values = values;
        _histograms = histograms;
        _index = -1;
    }

    private SampleKind Current => _index >= _timestamps.Length ? SampleKind.None
        : _histograms is not null && _histograms[_index] is not null ? SampleKind.Histogram : SampleKind.Float;

    public SampleKind Next()
    {
        if (_index < _timestamps.Length)
        {
            _index++;
        }
        return Current;
    }

    public SampleKind Seek(long timestampMs)
    {
        if (_index < 0)
        {
            _index = 0;
        }
        if (_index >= _timestamps.Length)
        {
            return SampleKind.None;
        }
        if (_timestamps[_index] >= timestampMs)
        {
            return Current;
        }
        var found = Array.BinarySearch(_timestamps, _index, _timestamps.Length - _index, timestampMs);
        _index = found >= 0 ? found : ~found;
        return Current;
    }

    public long Timestamp => _timestamps[_index];

    public double Value => _values[_index];

    public FloatHistogram? Histogram => _histograms?[_index];

    public Exception? Error => null;
}
