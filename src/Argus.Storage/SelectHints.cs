namespace Argus.Storage;

/// <summary>
/// What the query engine will do with a selection, so storage can skip work (for example, return
/// only series labels for <c>count</c> or <c>/api/v1/series</c>). Purely advisory.
/// </summary>
/// <param name="StartMs">Earliest timestamp the engine will read.</param>
/// <param name="EndMs">Latest timestamp the engine will read.</param>
/// <param name="StepMs">Query resolution step, 0 for instant queries.</param>
/// <param name="Function">The function wrapping the selector, if any (e.g. "rate"); "series" for metadata-only calls.</param>
/// <param name="RangeMs">Range of a range selector, 0 otherwise.</param>
public sealed record SelectHints(long StartMs, long EndMs, long StepMs = 0, string? Function = null, long RangeMs = 0);
