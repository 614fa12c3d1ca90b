namespace Argus.Storage;

/// <summary>
/// Optionally implemented by an <see cref="ISeries"/> that knows its newest sample without decoding
/// anything: the TSDB head keeps the last appended sample of each series. An instant vector selector
/// evaluated after the newest scrape (every rule evaluation, the last step of a dashboard) needs only
/// that sample.
/// </summary>
public interface ILatestSample
{
    /// <summary>
    /// The series' newest sample within the querier's range when it is known cheaply and is at or before
    /// <paramref name="atOrBefore"/>; false when the caller must walk the samples instead (the newest sample
    /// is later, outside the range, or behind a deletion).
    /// </summary>
    bool TryGetLatest(long atOrBefore, out long timestampMs, out double value);
}
