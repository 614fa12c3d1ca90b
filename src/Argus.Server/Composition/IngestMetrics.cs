using Argus.Instrumentation.Metrics;
using Argus.Scrape.RemoteWrite;
using Argus.Scrape.Scraping;

namespace Argus.Server.Composition;

/// <summary>Publishes the scrape and remote-write statistics as metrics, read at scrape time.</summary>
internal static class IngestMetrics
{
    public static void Register(MetricsRegistry registry, ScrapeStats scrape, RemoteWriteStats remoteWrite)
    {
        registry.CallbackCounter("argus_scrapes_total", "Scrapes attempted.", () => Volatile.Read(ref scrape.Scrapes));
        registry.CallbackCounter("argus_scrapes_failed_total", "Scrapes that failed (target down, bad body, limits).", () => Volatile.Read(ref scrape.ScrapesFailed));
        registry.CallbackCounter("argus_scrape_samples_appended_total", "Samples appended by scrapes.", () => Volatile.Read(ref scrape.SamplesAppended));
        registry.CallbackCounter("argus_scrape_samples_out_of_order_total", "Scraped samples rejected as out of order.", () => Volatile.Read(ref scrape.SamplesOutOfOrder));
        registry.CallbackCounter("argus_scrape_samples_duplicate_total", "Scraped samples rejected as duplicates.", () => Volatile.Read(ref scrape.SamplesDuplicate));
        registry.CallbackCounter("argus_scrapes_exceeded_sample_limit_total", "Scrapes failed by sample_limit.", () => Volatile.Read(ref scrape.ScrapesExceededSampleLimit));
        registry.CallbackCounter("argus_scrapes_exceeded_body_size_limit_total", "Scrapes failed by body_size_limit.", () => Volatile.Read(ref scrape.ScrapesExceededBodySizeLimit));
        registry.CallbackCounter("argus_scrape_stale_markers_total", "Staleness markers written for vanished series and targets.", () => Volatile.Read(ref scrape.StaleMarkersWritten));
        registry.CallbackCounter("argus_remote_write_requests_total", "Remote-write requests received.", () => Volatile.Read(ref remoteWrite.Requests));
        registry.CallbackCounter("argus_remote_write_requests_rejected_total", "Remote-write requests answered with an error.", () => Volatile.Read(ref remoteWrite.RequestsRejected));
        registry.CallbackCounter("argus_remote_write_samples_appended_total", "Samples appended from remote write.", () => Volatile.Read(ref remoteWrite.SamplesAppended));
        registry.CallbackCounter("argus_remote_write_samples_out_of_order_total", "Remote-written samples rejected as out of order.", () => Volatile.Read(ref remoteWrite.SamplesOutOfOrder));
    }
}
