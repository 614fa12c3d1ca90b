namespace Argus.PromQL.Engine;

/// <summary>
/// The value of a matrix selector or subquery before a function consumes it: raw samples per series
/// plus the window of every step, <c>(end - range, end]</c>, where end depends on @ and offset.
/// Functions slide two cursors over each series, so no sample is read twice.
/// </summary>
internal sealed class RangeData(List<RawSeries> series, long rangeMs, long[] windowEnds, SampleArena? arena = null)
{
    public List<RawSeries> Series { get; } = series;

    public long RangeMs { get; } = rangeMs;

    /// <summary>Window end (inclusive) per evaluation step.</summary>
    public long[] WindowEnds { get; } = windowEnds;

    /// <summary>Gives rented sample arrays back once a function has consumed the windows.</summary>
    /// <summary>Set for an <c>anchored</c> selector: each window also holds the last sample at or before
    /// its start when that sample is younger than <see cref="LookbackMs"/>.</summary>
    public bool Anchored { get; init; }

    public long LookbackMs { get; init; }

    public void ReturnBuffers() => arena?.Return();
}
