using Argus.Instrumentation.Metrics;
using Argus.Tsdb;

namespace Argus.Server.Composition;

/// <summary>Publishes <see cref="TsdbStats"/> as <c>argus_tsdb_*</c> metrics, read at scrape time.</summary>
internal static class TsdbMetrics
{
    public static void Register(MetricsRegistry registry, TsdbStats s)
    {
        Replace(registry, "argus_tsdb_head_series", "Number of series in the head block.", () => Volatile.Read(ref s.HeadSeries), counter: false);
        Replace(registry, "argus_tsdb_head_chunks", "Number of chunks in the head block.", () => Volatile.Read(ref s.HeadChunks), counter: false);
        Replace(registry, "argus_tsdb_head_series_created_total", "Series created in the head.", () => Volatile.Read(ref s.HeadSeriesCreated), counter: true);
        Replace(registry, "argus_tsdb_head_samples_appended_total", "Samples appended to the head.", () => Volatile.Read(ref s.SamplesAppended), counter: true);
        Replace(registry, "argus_tsdb_out_of_order_samples_appended_total", "Out-of-order samples accepted inside the window.", () => Volatile.Read(ref s.OutOfOrderSamplesAppended), counter: true);
        Replace(registry, "argus_tsdb_out_of_order_samples_rejected_total", "Samples rejected as out of order.", () => Volatile.Read(ref s.OutOfOrderRejected), counter: true);
        Replace(registry, "argus_tsdb_duplicate_samples_rejected_total", "Samples rejected as duplicates with a different value.", () => Volatile.Read(ref s.DuplicateRejected), counter: true);
        Replace(registry, "argus_tsdb_too_old_samples_rejected_total", "Samples rejected as older than the head accepts.", () => Volatile.Read(ref s.TooOldRejected), counter: true);
        Replace(registry, "argus_tsdb_invalid_label_samples_rejected_total", "Samples rejected for missing or invalid labels.", () => Volatile.Read(ref s.InvalidLabelsRejected), counter: true);
        Replace(registry, "argus_tsdb_commit_failures_total", "Appender commits that failed (e.g. the WAL could not be written).", () => Volatile.Read(ref s.CommitFailures), counter: true);
        Replace(registry, "argus_tsdb_wal_bytes", "Bytes in the write-ahead log on disk.", () => Volatile.Read(ref s.WalDiskBytes), counter: false);
        Replace(registry, "argus_tsdb_wal_fsyncs_total", "WAL fsync calls.", () => Volatile.Read(ref s.WalFsyncs), counter: true);
        Replace(registry, "argus_tsdb_wal_fsync_seconds_total", "Time spent in WAL fsync.", () => Volatile.Read(ref s.WalFsyncMicroseconds) / 1e6, counter: true);
        Replace(registry, "argus_tsdb_wal_corruptions_total", "Corrupt or torn WAL tails repaired at start-up.", () => Volatile.Read(ref s.WalCorruptionsRepaired), counter: true);
        Replace(registry, "argus_tsdb_wal_truncations_total", "WAL truncations (checkpoints written and older segments removed).", () => Volatile.Read(ref s.WalCheckpoints), counter: true);
        Replace(registry, "argus_tsdb_wal_truncation_seconds_total", "Time spent truncating the WAL.", () => Volatile.Read(ref s.WalTruncationMicroseconds) / 1e6, counter: true);
        Replace(registry, "argus_tsdb_compactions_total", "Compactions run.", () => Volatile.Read(ref s.Compactions), counter: true);
        Replace(registry, "argus_tsdb_blocks_loaded", "Persistent blocks loaded.", () => Volatile.Read(ref s.Blocks), counter: false);
        Replace(registry, "argus_tsdb_storage_blocks_bytes", "Bytes of persistent blocks on disk.", () => Volatile.Read(ref s.BlockBytes), counter: false);
    }

    private static void Replace(MetricsRegistry registry, string name, string help, Func<double> read, bool counter)
    {
        // A restart of the component in-process (tests) registers again; the newest storage wins.
        registry.Unregister(name);
        if (counter)
        {
            registry.CallbackCounter(name, help, read);
        }
        else
        {
            registry.CallbackGauge(name, help, read);
        }
    }
}
