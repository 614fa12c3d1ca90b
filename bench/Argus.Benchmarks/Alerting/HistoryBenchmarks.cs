using Argus.Alerting.Alerts;
using Argus.Alerting.History;
using Argus.Alerting.Silences;
using Argus.Model.Labels;
using BenchmarkDotNet.Attributes;

namespace Argus.Benchmarks.Alerting;

/// <summary>
/// The alert history's costs that the defaults rest on: recording a flush's worth of events (persisted, without
/// fsync), a query that scans the whole history (a rare label among 200 000 events, about what the default 64 MB
/// holds), the newest page, and what the history adds to every re-sent alert (the tracker's check that nothing changed).
/// </summary>
[MemoryDiagnoser]
public class HistoryBenchmarks
{
    private static readonly DateTime Now = new(2026, 11, 22, 3, 0, 0, DateTimeKind.Utc);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "argus-history-bench-" + Guid.NewGuid().ToString("n"));
    private HistoryLog _full = null!;
    private HistoryLog _persisted = null!;
    private SilenceStore _silences = null!;
    private AlertStateTracker _tracker = null!;
    private HistoryEvent[] _flush = [];
    private Alert[] _alerts = [];

    [GlobalSetup]
    public void Setup()
    {
        _full = HistoryLog.Open(new HistoryLogOptions { Time = new FixedTime(Now) });
        var events = new List<HistoryEvent>(200_000);
        for (var i = 0; i < 200_000; i++)
        {
            var labels = LabelSet.FromPairs("alertname", "Alert" + (i % 500), "instance", "host-" + (i % 1000), "job", "node");
            events.Add(new HistoryEvent
            {
                At = Now.AddSeconds(-200_000 + i),
                Kind = HistoryEventKind.Notified,
                Fingerprint = AlertFingerprint.Compute(labels),
                Labels = labels,
                GroupId = "0123456789abcdef",
                Receiver = "team",
                Integration = "webhook",
                Detail = "firing",
            });
        }
        _full.Record(events);
        _flush = events.Take(100).ToArray();
        _persisted = HistoryLog.Open(new HistoryLogOptions { Directory = _directory, Time = new FixedTime(Now) });
        _silences = SilenceStore.Open(new SilenceStoreOptions { UtcNow = () => Now });
        _tracker = new AlertStateTracker(HistoryLog.Open(new HistoryLogOptions { Time = new FixedTime(Now) }), _silences);
        _alerts = Enumerable.Range(0, 10_000)
            .Select(i => new Alert(LabelSet.FromPairs("alertname", "X", "instance", "host-" + i), LabelSet.Empty, Now, Now.AddHours(1), Now, "", false))
            .ToArray();
        foreach (var alert in _alerts)
        {
            _tracker.Observe(alert, Now);
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _full.Dispose();
        _persisted.Dispose();
        _silences.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>The 100 <c>notified</c> events of one notification of a 100-alert group, written to the history files.</summary>
    [Benchmark(OperationsPerInvoke = 100)]
    public int RecordFlush() => _persisted.Record(_flush).Count;

    /// <summary>A label filter that matches 0.2 % of 200 000 events: the whole history is scanned.</summary>
    [Benchmark]
    public int QueryRareLabel() => _full.Query(new HistoryQuery { Filter = e => e.Labels.Get("alertname") == "Alert7", Limit = 1000 }).Count;

    /// <summary>The newest 1000 events, unfiltered (the API's default page).</summary>
    [Benchmark]
    public int QueryNewestPage() => _full.Query(new HistoryQuery { Limit = 1000 }).Count;

    /// <summary>10 000 alerts re-sent unchanged, as Prometheus does every resend delay.</summary>
    [Benchmark(OperationsPerInvoke = 10_000)]
    public void ObserveResend()
    {
        foreach (var alert in _alerts)
        {
            _tracker.Observe(alert, Now);
        }
    }

    private sealed class FixedTime(DateTime now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(now);
    }
}
