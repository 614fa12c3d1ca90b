using Argus.Model.Labels;

namespace Argus.Web.Api.V1;

/// <summary>One active scrape target as <c>/api/v1/targets</c> shows it.</summary>
/// <param name="LastScrape">Start of the last scrape; null before the first one (shown as Go's zero time).</param>
/// <param name="Health"><c>up</c>, <c>down</c> or <c>unknown</c>.</param>
/// <param name="ScrapeInterval">As Prometheus prints durations, e.g. <c>15s</c>, <c>1m</c>.</param>
public sealed record TargetStatus(
    LabelSet DiscoveredLabels,
    LabelSet Labels,
    string ScrapeUrl,
    string GlobalUrl,
    string LastError,
    DateTimeOffset? LastScrape,
    TimeSpan LastScrapeDuration,
    string Health,
    string ScrapeInterval,
    string ScrapeTimeout);
