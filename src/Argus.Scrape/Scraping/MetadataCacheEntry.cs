namespace Argus.Scrape.Scraping;

/// <summary>The metadata a target last gave for one family, with the raw (still escaped) texts it was decoded
/// from so the next scrape can tell "unchanged" by comparing bytes. Owned by one loop; not thread-safe.</summary>
internal sealed class MetadataCacheEntry(string metric)
{
    public string Metric { get; } = metric;

    public string Type = MetadataTypeNames.Unknown;

    public string Help = string.Empty;

    public byte[] RawHelp = [];

    public string Unit = string.Empty;

    public byte[] RawUnit = [];

    /// <summary>The successful scrape in which a metadata line of this family was last seen.</summary>
    public long LastSeenScrape;
}
