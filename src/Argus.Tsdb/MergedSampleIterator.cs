using Argus.Storage;

namespace Argus.Tsdb;

/// <summary>
/// Merges the iterators of one series from several sources (blocks and head) by timestamp. On equal
/// timestamps the earliest source in the list wins and the others are skipped (overlapping data, e.g.
/// a block cut while the head still holds the same samples).
/// </summary>
/// <remarks>Not thread-safe.</remarks>
internal sealed class MergedSampleIterator(ISampleIterator[] sources) : ISampleIterator
{
    private readonly bool[] _ready = new bool[sources.Length];
    private readonly bool[] _done = new bool[sources.Length];
    private bool _positioned;

    public long Timestamp { get; private set; }

    public double Value { get; private set; }

    public Exception? Error { get; private set; }

    public SampleKind Next()
    {
        var best = -1;
        for (var i = 0; i < sources.Length; i++)
        {
            if (_done[i])
            {
                continue;
            }
            while (!_ready[i] || (_positioned && sources[i].Timestamp <= Timestamp))
            {
                if (sources[i].Next() == SampleKind.None)
                {
                    Error ??= sources[i].Error;
                    _done[i] = true;
                    break;
                }
                _ready[i] = true;
            }
            if (!_done[i] && (best < 0 || sources[i].Timestamp < sources[best].Timestamp))
            {
                best = i;
            }
        }
        if (best < 0)
        {
            return SampleKind.None;
        }
        Timestamp = sources[best].Timestamp;
        Value = sources[best].Value;
        _positioned = true;
        _ready[best] = false;
        return SampleKind.Float;
    }

    public SampleKind Seek(long timestampMs)
    {
        if (_positioned && Timestamp >= timestampMs)
        {
            return SampleKind.Float;
        }
        for (var i = 0; i < sources.Length; i++)
        {
            if (!_done[i] && (!_ready[i] || sources[i].Timestamp < timestampMs))
            {
                if (sources[i].Seek(timestampMs) == SampleKind.None)
                {
                    Error ??= sources[i].Error;
                    _done[i] = true;
                }
                else
                {
                    _ready[i] = true;
                }
            }
        }
        _positioned = false;
        return Next();
    }
}
