namespace Argus.Scrape.Scraping;

/// <summary>Counters of all scrape loops of a process, updated with <see cref="Interlocked"/>; published as metrics by the server.</summary>
public sealed class ScrapeStats
{
    public long Scrapes;
    public long ScrapesFailed;
    public long SamplesAppended;
    public long SamplesOutOfOrder;
    public long SamplesDuplicate;
    public long SamplesTooOld;
    public long SamplesInvalidLabels;
    public long ExemplarsDropped;
    public long ScrapesExceededSampleLimit;
    public long ScrapesExceededBodySizeLimit;
    public long ScrapesExceededLabelLimits;
    public long StaleMarkersWritten;
    public long CacheMisses;
}
