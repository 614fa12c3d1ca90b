namespace Argus.Storage;

/// <summary>
/// Opaque handle of a series inside one storage, returned by an append so callers (the scrape
/// cache) can append again without hashing the labels. Zero means "unknown".
/// </summary>
public readonly record struct SeriesRef(ulong Value)
{
    public static readonly SeriesRef None;

    public bool IsNone => Value == 0;
}
