namespace Argus.Tsdb.Head;

/// <summary>Orders head series by their labels, the order selections are returned in.</summary>
internal sealed class SeriesByLabels : IComparer<MemSeries>
{
    public static readonly SeriesByLabels Instance = new();

    public int Compare(MemSeries? x, MemSeries? y) => x is null ? (y is null ? 0 : -1) : x.Labels.CompareTo(y?.Labels);
}
