using Argus.Model.Labels;
using Argus.Storage;

namespace Argus.Scrape.Scraping;

/// <summary>What the scrape loop remembers about one raw series of its target. Owned by one loop; not thread-safe.</summary>
internal sealed class ScrapeCacheEntry
{
    /// <summary>Final labels after target labels and metric relabeling; null when relabeling dropped the series.</summary>
    public LabelSet? Labels { get; init; }

    public SeriesRef Ref;

    /// <summary>The scrape iteration this series was last seen in.</summary>
    public long LastSeenIteration;

    /// <summary>Whether the last sample carried its own timestamp (such series get no staleness marker
    /// unless track_timestamps_staleness is on).</summary>
    public bool ExplicitTimestamp;
}
