using Argus.Alerting.Silences;
using Argus.Model.Labels;
using BenchmarkDotNet.Attributes;
using MatchType = Argus.Model.Labels.MatchType;

namespace Argus.Benchmarks.Alerting;

/// <summary>
/// Which silences mute an alert, with 10 000 active silences: the check runs for every alert on every
/// <c>GET /api/v2/alerts</c> and every notification flush, so it must stay far below a millisecond.
/// </summary>
[MemoryDiagnoser]
public class SilenceLookupBenchmarks
{
    private static readonly DateTime Now = new(2026, 11, 22, 3, 0, 0, DateTimeKind.Utc);
    private SilenceStore _store = null!;
    private LabelSet[] _alerts = [];

    [GlobalSetup]
    public void Setup()
    {
        _store = SilenceStore.Open(new SilenceStoreOptions { UtcNow = () => Now });
        for (var i = 0; i < 10_000; i++)
        {
            _store.Set(new Silence
            {
                Matchers = [LabelMatcher.Equal("instance", "host-" + i), new LabelMatcher(MatchType.Regex, "job", "api|web")],
                StartsAt = Now,
                EndsAt = Now.AddHours(1),
                CreatedBy = "bench",
                Comment = "bench",
            });
        }
        _alerts = Enumerable.Range(0, 10_000)
            .Select(i => LabelSet.FromPairs("alertname", "X", "instance", "host-" + i, "job", i % 2 == 0 ? "api" : "db"))
            .ToArray();
        // The index is built once per change of the silence set, not per lookup.
        _store.MutedBy(_alerts[0]);
    }

    [GlobalCleanup]
    public void Cleanup() => _store.Dispose();

    /// <summary>10 000 alerts checked against 10 000 silences (half of the alerts are muted).</summary>
    [Benchmark(OperationsPerInvoke = 10_000)]
    public int MutedBy()
    {
        var muted = 0;
        foreach (var alert in _alerts)
        {
            muted += _store.MutedBy(alert).Count;
        }
        return muted;
    }
}
