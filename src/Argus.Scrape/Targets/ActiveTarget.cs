using Argus.Model.Labels;
using Argus.Scrape.Scraping;

namespace Argus.Scrape.Targets;

/// <summary>A target being scraped, for the targets API: labels before and after relabeling and its loop's last report.</summary>
public sealed record ActiveTarget(LabelSet DiscoveredLabels, ScrapeTargetOptions Options, ScrapeLoop Loop)
{
    public ScrapeReport? LastReport => Loop.LastReport;

    /// <summary>The metric metadata of the target's last successful scrape.</summary>
    public IReadOnlyList<MetricMetadata> Metadata => Loop.Metadata;
}
