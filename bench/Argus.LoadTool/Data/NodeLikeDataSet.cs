namespace Argus.LoadTool.Data;

/// <summary>
/// The standard benchmark data set: node-exporter-like series (104 metric names with labels
/// job/instance/cpu/mode/device/le over as many instances as needed), counters with jitter, random-walk
/// gauges and histogram buckets, sampled every <see cref="IntervalMs"/> and ending at a chosen time.
/// </summary>
/// <remarks>
/// Deterministic: a sample's value is a function of the seed, the series index and the step only (through a
/// hash, not a shared random stream), so any partition of the series across workers yields the same data.
/// Timestamps sit a few milliseconds off the minute grid (3 to 7 ms) so that no sample falls on a range
/// window's boundary, where Prometheus 2 (boundary included) and 3 (boundary excluded) would disagree.
/// Thread-safety: <see cref="NextValue"/> mutates per-series state; concurrent callers must own disjoint series
/// and call steps of one series in increasing order.
/// </remarks>
internal sealed class NodeLikeDataSet
{
    /// <summary>The grid sample timestamps are aligned to (before the off-grid offset).</summary>
    public const long GridMs = 60_000;

    private const int Cpus = 4;
    private const int Devices = 4;
    private static readonly string[] CpuModes = ["idle", "iowait", "irq", "nice", "softirq", "steal", "system", "user"];
    private static readonly string[] GuestModes = ["nice", "user"];
    private static readonly string[] BucketBounds = ["0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "1", "+Inf"];
    /// <summary>Least starting value of a counter or histogram count (see the constructor for why).</summary>
    public const double CounterFloor = 1_000_000;

    private static readonly double[] BucketShares = [0.05, 0.12, 0.3, 0.55, 0.75, 0.9, 0.98, 1.0];

    private readonly double[] _state;
    private readonly double[] _rate;
    private readonly ulong _seed;

    /// <param name="seriesCount">Exact number of series to generate (whole instances, the last one cut short).</param>
    /// <param name="samplesPerSeries">Samples per series.</param>
    /// <param name="intervalMs">Spacing between samples of one series.</param>
    /// <param name="endMs">Time the data must end at or before (usually now); the last sample is at most this.</param>
    public NodeLikeDataSet(int seriesCount, int samplesPerSeries, long intervalMs, long endMs, int seed = 42)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(seriesCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(samplesPerSeries, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(intervalMs, 1);
        SamplesPerSeries = samplesPerSeries;
        IntervalMs = intervalMs;
        _seed = (ulong)seed * 0x9E3779B97F4A7C15UL + 1;

        var series = new List<GeneratedSeries>(seriesCount);
        for (var instance = 0; series.Count < seriesCount; instance++)
        {
            AddInstance(series, instance, seriesCount);
        }
        Series = [.. series];
        Instances = (int)Math.Ceiling(seriesCount / (double)SeriesPerInstance);

        // The first sample sits on the grid plus the offset, and the last sample (offset up to 7 ms) is <= endMs.
        var lastAllowed = endMs - 8 - ((samplesPerSeries - 1) * intervalMs);
        FirstTimestampMs = Math.DivRem(lastAllowed, GridMs, out var rem) * GridMs - (rem < 0 ? GridMs : 0);

        _state = new double[Series.Length];
        _rate = new double[Series.Length];
        for (var s = 0; s < Series.Length; s++)
        {
            var h = Hash((ulong)s, ulong.MaxValue);
            // Counters and histograms start far from zero, as a host's do after days of uptime. It also keeps
            // rate()'s zero-point clamp out of play: Prometheus 3 applies it after the extrapolation threshold,
            // 2.x before, and a counter that starts near zero inside a window would make the two disagree.
            var familyBase = CounterFloor + (double)(Hash(0xB0C4E7 + (ulong)Series[s].HistogramFamily, ulong.MaxValue) % CounterFloor);
            (_state[s], _rate[s]) = Series[s].Kind switch
            {
                SeriesKind.Counter => (CounterFloor + (double)(h % CounterFloor), 1 + (double)(h % 97)),
                SeriesKind.Gauge => (1000 + (double)(h % 100_000), 1 + (double)(h % 13)),
                SeriesKind.HistogramBucket => (Math.Floor(familyBase * Series[s].BucketShare), 0),
                _ => (Math.Round(familyBase * 0.137, 3), 0),
            };
        }
    }

    /// <summary>Series generated for one full instance.</summary>
    public static int SeriesPerInstance { get; } = CountSeriesPerInstance();

    public GeneratedSeries[] Series { get; }

    public int Instances { get; }

    public int SamplesPerSeries { get; }

    public long IntervalMs { get; }

    /// <summary>Grid-aligned time of step 0 (each series adds its own 3-7 ms offset).</summary>
    public long FirstTimestampMs { get; }

    /// <summary>Latest timestamp any sample carries.</summary>
    public long LastTimestampMs => FirstTimestampMs + ((SamplesPerSeries - 1) * IntervalMs) + 7;

    public long TotalSamples => (long)Series.Length * SamplesPerSeries;

    /// <summary>Timestamp of <paramref name="step"/> for series <paramref name="seriesIndex"/>.</summary>
    public long Timestamp(int seriesIndex, int step) => FirstTimestampMs + (step * IntervalMs) + 3 + (seriesIndex % 5);

    /// <summary>
    /// Advances series <paramref name="seriesIndex"/> to <paramref name="step"/> and returns its value. Steps of
    /// one series must be requested in order 0, 1, 2, ... (each exactly once).
    /// </summary>
    public double NextValue(int seriesIndex, int step)
    {
        var series = Series[seriesIndex];
        var h = Hash((ulong)seriesIndex, (ulong)step);
        double next;
        switch (series.Kind)
        {
            case SeriesKind.Counter:
                {
                    // Increment in [rate/2, 3*rate/2]: jittered but never negative, so the counter never resets.
                    var rate = _rate[seriesIndex];
                    next = _state[seriesIndex] + (rate / 2) + (h % (ulong)(rate + 1));
                    break;
                }
            case SeriesKind.Gauge:
                {
                    var walked = _state[seriesIndex] + ((((long)(h % 21)) - 10) * _rate[seriesIndex]);
                    next = Math.Max(0, walked);
                    break;
                }
            default:
                {
                    // All series of one histogram family share the step's observation count, so buckets stay cumulative.
                    var observations = (double)(Hash(0xB0C4E7 + (ulong)series.HistogramFamily, (ulong)step) % 50);
                    next = series.Kind == SeriesKind.HistogramSum
                        ? Math.Round(_state[seriesIndex] + (observations * 0.137), 3)
                        : _state[seriesIndex] + Math.Floor(observations * series.BucketShare);
                    break;
                }
        }
        _state[seriesIndex] = next;
        return next;
    }

    private ulong Hash(ulong a, ulong b)
    {
        // SplitMix64 finaliser over the seed and both coordinates: cheap, well mixed and stable across runtimes.
        var z = _seed ^ (a * 0xBF58476D1CE4E5B9UL) ^ (b * 0x94D049BB133111EBUL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static int CountSeriesPerInstance()
    {
        var list = new List<GeneratedSeries>();
        AddInstance(list, 0, int.MaxValue);
        return list.Count;
    }

    private static void AddInstance(List<GeneratedSeries> into, int instanceIndex, int limit)
    {
        var instance = $"host-{instanceIndex:D5}:9100";
        var family = instanceIndex * 2;

        void Add(SeriesKind kind, string name, double share = 0, int histogramFamily = 0, params string[] extra)
        {
            if (into.Count >= limit)
            {
                return;
            }
            // Pairs are sorted by name: __name__ < cpu < device < instance < job < le < mode.
            var pairs = new List<string>(10) { "__name__", name };
            void Pair(string label)
            {
                for (var i = 0; i < extra.Length; i += 2)
                {
                    if (extra[i] == label)
                    {
                        pairs.Add(label);
                        pairs.Add(extra[i + 1]);
                    }
                }
            }
            Pair("cpu");
            Pair("device");
            pairs.Add("instance");
            pairs.Add(instance);
            pairs.Add("job");
            pairs.Add("node");
            Pair("le");
            Pair("mode");
            into.Add(new GeneratedSeries([.. pairs], kind, share, histogramFamily));
        }

        for (var cpu = 0; cpu < Cpus; cpu++)
        {
            foreach (var mode in CpuModes)
            {
                Add(SeriesKind.Counter, "node_cpu_seconds_total", extra: ["cpu", cpu.ToString(System.Globalization.CultureInfo.InvariantCulture), "mode", mode]);
            }
            foreach (var mode in GuestModes)
            {
                Add(SeriesKind.Counter, "node_cpu_guest_seconds_total", extra: ["cpu", cpu.ToString(System.Globalization.CultureInfo.InvariantCulture), "mode", mode]);
            }
        }
        for (var m = 0; m < 20; m++)
        {
            var name = m < 10 ? $"node_disk_op{m}_total" : $"node_network_op{m - 10}_total";
            for (var d = 0; d < Devices; d++)
            {
                Add(SeriesKind.Counter, name, extra: ["device", m < 10 ? $"sd{(char)('a' + d)}" : $"eth{d}"]);
            }
        }
        for (var m = 0; m < 40; m++)
        {
            Add(SeriesKind.Gauge, $"node_memory_field{m}_bytes");
        }
        for (var m = 0; m < 10; m++)
        {
            for (var d = 0; d < Devices; d++)
            {
                Add(SeriesKind.Gauge, $"node_filesystem_field{m}_bytes", extra: ["device", $"sd{(char)('a' + d)}"]);
            }
        }
        for (var m = 0; m < 26; m++)
        {
            Add(SeriesKind.Counter, $"node_event{m}_total");
        }
        for (var h = 0; h < 2; h++)
        {
            var baseName = h == 0 ? "node_http_request_duration_seconds" : "node_scrape_collector_duration_seconds";
            for (var b = 0; b < BucketBounds.Length; b++)
            {
                Add(SeriesKind.HistogramBucket, baseName + "_bucket", BucketShares[b], family + h, extra: ["le", BucketBounds[b]]);
            }
            Add(SeriesKind.HistogramBucket, baseName + "_count", 1.0, family + h);
            Add(SeriesKind.HistogramSum, baseName + "_sum", 0, family + h);
        }
    }
}
