using Argus.Instrumentation.Metrics;
using Argus.Server.Composition;
using Argus.Tsdb;

namespace Argus.Server.Tests;

public class TsdbMetricsTests
{
    [Fact]
    public void Every_tsdb_statistic_the_issue_lists_is_exposed_with_its_current_value()
    {
        var registry = new MetricsRegistry();
        var stats = new TsdbStats
        {
            HeadSeries = 11,
            HeadChunks = 12,
            SamplesAppended = 13,
            OutOfOrderSamplesAppended = 14,
            OutOfOrderRejected = 15,
            DuplicateRejected = 16,
            TooOldRejected = 17,
            InvalidLabelsRejected = 18,
            WalDiskBytes = 19,
            WalFsyncs = 20,
            WalFsyncMicroseconds = 2_500_000,
            WalCheckpoints = 21,
            WalTruncationMicroseconds = 1_500_000,
            Compactions = 22,
            Blocks = 23,
            BlockBytes = 24,
        };
        TsdbMetrics.Register(registry, stats);
        var text = registry.WriteToString();
        string[] expected =
        [
            "argus_tsdb_head_series 11",
            "argus_tsdb_head_chunks 12",
            "argus_tsdb_head_samples_appended_total 13",
            "argus_tsdb_out_of_order_samples_appended_total 14",
            "argus_tsdb_out_of_order_samples_rejected_total 15",
            "argus_tsdb_duplicate_samples_rejected_total 16",
            "argus_tsdb_too_old_samples_rejected_total 17",
            "argus_tsdb_invalid_label_samples_rejected_total 18",
            "argus_tsdb_wal_bytes 19",
            "argus_tsdb_wal_fsyncs_total 20",
            "argus_tsdb_wal_fsync_seconds_total 2.5",
            "argus_tsdb_wal_truncations_total 21",
            "argus_tsdb_wal_truncation_seconds_total 1.5",
            "argus_tsdb_compactions_total 22",
            "argus_tsdb_blocks_loaded 23",
            "argus_tsdb_storage_blocks_bytes 24",
        ];
        foreach (var line in expected)
        {
            Assert.Contains("\n" + line + "\n", "\n" + text, StringComparison.Ordinal);
        }
        // Values are read at scrape time, not copied at registration.
        stats.HeadSeries = 99;
        Assert.Contains("\nargus_tsdb_head_series 99\n", "\n" + registry.WriteToString(), StringComparison.Ordinal);
    }
}
