using Argus.Storage;

namespace Argus.Tsdb.Head;

/// <summary>
/// The head series of one selection, in label order, read lazily: each <see cref="MoveNext"/> takes the
/// next series' lock and copies its chunk bounds into one reused <see cref="HeadSeriesView"/>. Building a
/// snapshot object per series up front cost several small allocations per series, which dominated
/// queries that read a few samples from each of many series (rules, instant queries).
/// </summary>
/// <remarks>Each series is read as committed when the set reaches it, not when the selection was made;
/// a series whose data lies outside the range is skipped. Not thread-safe.</remarks>
internal sealed class HeadSeriesSet(MemSeries[] series, int count, long minTime, long maxTime) : ISeriesSet
{
    private readonly HeadSeriesView _current = new();
    private int _index = -1;

    public ISeries Current => _current;

    public Exception? Error => null;

    public IReadOnlyList<string> Warnings => [];

    public bool MoveNext()
    {
        while (++_index < count)
        {
            var s = series[_index];
            lock (s)
            {
                if (s.Overlaps(minTime, maxTime))
                {
                    s.SnapshotInto(_current, minTime, maxTime);
                    return true;
                }
            }
        }
        return false;
    }
}
