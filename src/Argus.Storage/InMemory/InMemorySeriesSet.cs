namespace Argus.Storage.InMemory;

internal sealed class InMemorySeriesSet(List<ISeries> series) : ISeriesSet
{
    private int _index = -1;

    public bool MoveNext() => ++_index < series.Count;

    public ISeries Current => series[_index];

    public Exception? Error => null;

    public IReadOnlyList<string> Warnings => [];
}
