using Argus.Model.Labels;
using Argus.Scrape.Scraping;

namespace Argus.Scrape.Targets;

/// <summary>One discovered target after relabeling: its labels before relabeling (for the targets API),
/// and either the options to scrape it or why it was dropped.</summary>
public sealed record BuiltTarget(LabelSet DiscoveredLabels, ScrapeTargetOptions? Options, string? Error)
{
    public bool Dropped => Options is null;
}
