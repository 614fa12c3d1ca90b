namespace Argus.Storage.InMemory;

/// <summary>Iterates a snapshot's arrays; reusable through <see cref="Reset"/>. Not thread-safe.</summary>
internal sealed class InMemorySampleIterator : ISampleIterator
{
    private long[] _timestamps = [];
    private double[] _values = [];
    private int _index = -1;

    public void Reset(long[] timestamps, double[] values)
    {
        _timestamps = timestamps;
        _values = values;
        _index = -1;
    }

    public SampleKind Next()
    {
        if (_index < _timestamps.Length)
        {
            _index++;
        }
        return _index < _timestamps.Length ? SampleKind.Float : SampleKind.None;
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
            return SampleKind.Float;
        }
        var found = Array.BinarySearch(_timestamps, _index, _timestamps.Length - _index, timestampMs);
        _index = found >= 0 ? found : ~found;
        return _index < _timestamps.Length ? SampleKind.Float : SampleKind.None;
    }

    public long Timestamp => _timestamps[_index];

    public double Value => _values[_index];

    public Exception? Error => null;
}
