namespace Argus.Scrape.Scraping;

/// <summary>The outcome of one scrape, as written to the report series and shown by the targets API.</summary>
public sealed record ScrapeReport(
    DateTimeOffset Start,
    TimeSpan Duration,
    TargetHealth Health,
    string? Error,
    int SamplesScraped,
    int SamplesPostMetricRelabeling,
    int SeriesAdded);
