namespace Argus.Storage;

/// <summary>
/// Outcome of appending one sample. Expected rejections are values, not exceptions, so a scrape of
/// 10 000 samples with 10 000 duplicates costs a counter increment each, not 10 000 throws.
/// </summary>
public enum AppendStatus : byte
{
    /// <summary>Staged; durable once <see cref="IAppender.Commit"/> returns.</summary>
    Ok,

    /// <summary>Older than the series' newest sample and outside the out-of-order window.</summary>
    OutOfOrder,

    /// <summary>Same timestamp as an existing sample but a different value.</summary>
    Duplicate,

    /// <summary>Older than what the storage still accepts (before the head's lower bound).</summary>
    TooOld,

    /// <summary>The label set is invalid (empty, duplicate names, bad names).</summary>
    InvalidLabels,
}
