using System.Net;
using Argus.Model.Time;
using Argus.Scrape.Scraping;
using Argus.Scrape.Targets;

namespace Argus.Web.Api.V1;

/// <summary>Turns the scrape manager's pools into what <c>/api/v1/targets</c> shows.</summary>
public static class ScrapeTargetsView
{
    /// <summary>
    /// Snapshots <paramref name="pools"/>. <paramref name="externalUrl"/> (the server's <c>--web.external-url</c>)
    /// gives each target's <c>globalUrl</c>: as in Prometheus, a loopback scrape host is replaced by the
    /// external host so the link works from elsewhere; other URLs are shown as scraped.
    /// </summary>
    public static IReadOnlyList<ScrapePoolStatus> From(IReadOnlyList<ScrapePool> pools, Uri? externalUrl = null)
    {
        var result = new List<ScrapePoolStatus>(pools.Count);
        foreach (var pool in pools)
        {
            var active = pool.ActiveTargets.Select(t => FromActive(t, externalUrl)).ToList();
            var dropped = pool.DroppedTargets.Select(t => t.DiscoveredLabels).ToList();
            result.Add(new ScrapePoolStatus(pool.JobName, active, dropped));
        }
        return result;
    }

    /// <summary>Every active target's labels and metadata, pools by job name and targets by labels, so the
    /// metadata endpoints answer in a stable order (Prometheus walks its maps in random order).</summary>
    public static IReadOnlyList<TargetMetadataStatus> Metadata(IReadOnlyList<ScrapePool> pools) =>
        pools.OrderBy(pool => pool.JobName, StringComparer.Ordinal)
            .SelectMany(pool => pool.ActiveTargets
                .Select(target => new TargetMetadataStatus(target.Options.TargetLabels, target.Metadata))
                .OrderBy(target => target.Labels))
            .ToList();

    private static TargetStatus FromActive(ActiveTarget target, Uri? externalUrl)
    {
        var options = target.Options;
        var report = target.LastReport;
        var url = options.Url;
        return new TargetStatus(
            target.DiscoveredLabels,
            options.TargetLabels,
            url.ToString(),
            GlobalUrl(url, externalUrl).ToString(),
            report?.Error ?? string.Empty,
            report?.Start,
            report?.Duration ?? TimeSpan.Zero,
            (report?.Health ?? TargetHealth.Unknown) switch
            {
                TargetHealth.Up => "up",
                TargetHealth.Down => "down",
                _ => "unknown",
            },
            PromDuration.Format(options.Interval),
            PromDuration.Format(options.Timeout));
    }

    private static Uri GlobalUrl(Uri url, Uri? externalUrl)
    {
        if (externalUrl is null || !IsLoopback(url.Host) || IsLoopback(externalUrl.Host))
        {
            return url;
        }
        return new UriBuilder(url) { Host = externalUrl.Host }.Uri;
    }

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
