namespace Argus.Tsdb;

/// <summary>Head statistics and cardinality for <c>/api/v1/status/tsdb</c>; each list is the top entries,
/// largest first.</summary>
public sealed record TsdbStatus(
    long NumSeries,
    long NumLabelPairs,
    long ChunkCount,
    long MinTime,
    long MaxTime,
    IReadOnlyList<KeyValuePair<string, long>> SeriesCountByMetricName,
    IReadOnlyList<KeyValuePair<string, long>> LabelValueCountByLabelName,
    IReadOnlyList<KeyValuePair<string, long>> MemoryInBytesByLabelName,
    IReadOnlyList<KeyValuePair<string, long>> SeriesCountByLabelValuePair);
