using Argus.Model;
using Argus.Model.Histograms;
using Argus.Model.Labels;
using Argus.PromQL.Engine;
using Argus.Rules.Alerting;
using Argus.Rules.Evaluation;
using Argus.Rules.Format;
using Argus.Storage;
using Argus.Storage.InMemory;

namespace Argus.Rules.Tests.Evaluation;

public sealed class RuleGroupTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.UnixEpoch.AddHours(1);

    private readonly InMemoryStorage _storage = new();
    private readonly PromqlEngine _engine = new();

    [Fact]
    public void LaterRulesSeeWhatEarlierRulesOfTheSameEvaluationWrote()
    {
        Write("requests", ("job", "api"), T0, 10);
        var group = Load("""
            groups:
              - name: g
                labels: { team: core }
                rules:
                  - record: job:requests:doubled
                    expr: requests * 2
                  - record: job:requests:quadrupled
                    expr: job:requests:doubled * 2
                    labels: { team: edge }
            """);
        group.Evaluate(T0);
        Assert.Equal(40, Query("job:requests:quadrupled", T0).Single().F);
        var doubled = Query("job:requests:doubled", T0).Single();
        Assert.Equal(LabelSet.FromPairs("__name__", "job:requests:doubled", "job", "api", "team", "core"), doubled.Metric);
        Assert.Equal("edge", Query("job:requests:quadrupled", T0).Single().Metric.Get("team"));
        Assert.All(group.Rules, r => Assert.Equal(RuleHealth.Ok, r.Status.Health));
    }

    [Fact]
    public void ARecordingRuleOverNativeHistogramsRecordsHistograms()
    {
        var appender = _storage.CreateAppender();
        foreach (var (job, text) in new[] { ("a", "{{count:2 sum:3 buckets:[2]}}"), ("b", "{{count:1 sum:1 buckets:[0 1]}}") })
        {
            var reference = SeriesRef.None;
            appender.AppendHistogram(ref reference, LabelSet.FromPairs("__name__", "latency", "job", job), T0.ToUnixTimeMilliseconds(), HistogramNotation.Parse(text));
        }
        appender.Commit();
        var group = Load("""
            groups:
              - name: g
                rules:
                  - record: latency:sum
                    expr: sum(latency)
            """);

        group.Evaluate(T0);

        Assert.All(group.Rules, r => Assert.Equal(RuleHealth.Ok, r.Status.Health));
        var recorded = Assert.Single(Query("latency:sum", T0));
        Assert.NotNull(recorded.H);
        Assert.True(HistogramNotation.Parse("{{count:3 sum:4 buckets:[2 1]}}").Equivalent(recorded.H, (a, b) => a == b), recorded.H.ToString());
    }

    [Fact]
    public void EverySeriesARuleWritesAgainKeepsItsOwnSamples()
    {
        // Series are written again through the refs of the previous evaluation.
        foreach (var instance in new[] { "a", "b", "c" })
        {
            Write("load", ("instance", instance), T0, instance[0]);
        }
        var group = Load("""
            groups:
              - name: g
                rules:
                  - record: load:copy
                    expr: load
                  - alert: Loaded
                    expr: load > 0
            """);
        for (var i = 0; i < 3; i++)
        {
            group.Evaluate(T0.AddSeconds(15 * i));
        }
        foreach (var instance in new[] { "a", "b", "c" })
        {
            var copy = RawSamples(LabelSet.FromPairs("__name__", "load:copy", "instance", instance));
            Assert.Equal([instance[0], instance[0], instance[0]], copy.Select(s => s.V));
            var alerts = RawSamples(LabelSet.FromPairs("__name__", "ALERTS", "alertname", "Loaded", "alertstate", "firing", "instance", instance));
            Assert.Equal([1.0, 1.0, 1.0], alerts.Select(s => s.V));
        }
    }

    [Fact]
    public void ASeriesARecordingRuleStopsProducingGetsAStaleMarker()
    {
        Write("up", ("instance", "a"), T0, 1);
        Write("up", ("instance", "b"), T0, 1);
        var group = Load("""
            groups:
              - name: g
                rules:
                  - record: up:copy
                    expr: up == 1
            """);
        group.Evaluate(T0);
        Write("up", ("instance", "a"), T0.AddMinutes(1), 1);
        Write("up", ("instance", "b"), T0.AddMinutes(1), 0);
        group.Evaluate(T0.AddMinutes(1));
        var samples = RawSamples(LabelSet.FromPairs("__name__", "up:copy", "instance", "b"));
        Assert.Equal(2, samples.Count);
        Assert.True(StaleNaN.Is(samples[1].V));
        Assert.Single(Query("up:copy", T0.AddMinutes(1)));
    }

    [Fact]
    public void ExceedingTheGroupLimitFailsTheRuleAndWritesNothing()
    {
        Write("up", ("instance", "a"), T0, 1);
        Write("up", ("instance", "b"), T0, 1);
        var group = Load("""
            groups:
              - name: g
                limit: 1
                rules:
                  - record: up:copy
                    expr: up
            """);
        group.Evaluate(T0);
        var status = group.Rules[0].Status;
        Assert.Equal(RuleHealth.Err, status.Health);
        Assert.Equal("exceeded limit of 1 with 2 series", status.LastError);
        Assert.Empty(Query("up:copy", T0));
    }

    [Fact]
    public void AnAlertIsPendingThenFiresAfterForAndIsWrittenAsAlertsSeries()
    {
        var group = Load("""
            groups:
              - name: g
                rules:
                  - alert: HighLatency
                    expr: latency > 1
                    for: 2m
                    labels: { severity: "{{ if gt $value 5.0 }}page{{ else }}ticket{{ end }}" }
                    annotations:
                      summary: "{{ $labels.instance }} at {{ $value }} ({{ $externalLabels.dc }})"
            """, externalLabels: LabelSet.FromPairs("dc", "eu1"));
        var rule = Assert.IsType<AlertingRule>(group.Rules[0]);
        for (var minute = 0; minute <= 2; minute++)
        {
            Write("latency", ("instance", "web1"), T0.AddMinutes(minute), 7);
            group.Evaluate(T0.AddMinutes(minute));
            var alert = Assert.Single(rule.ActiveAlerts());
            Assert.Equal(minute < 2 ? AlertState.Pending : AlertState.Firing, alert.State);
        }
        var firing = Assert.Single(rule.ActiveAlerts());
        Assert.Equal(LabelSet.FromPairs("alertname", "HighLatency", "instance", "web1", "severity", "page"), firing.Labels);
        Assert.Equal("web1 at 7 (eu1)", Assert.Single(firing.Annotations).Value);
        var alerts = Query("ALERTS", T0.AddMinutes(2)).Single();
        Assert.Equal("firing", alerts.Metric.Get("alertstate"));
        var forState = Query("ALERTS_FOR_STATE", T0.AddMinutes(2)).Single();
        Assert.Equal(T0.ToUnixTimeSeconds(), forState.F);
    }

    [Fact]
    public void QueryOffsetShiftsBothTheQueryAndTheWrittenTimestamp()
    {
        Write("requests", ("job", "api"), T0, 3);
        var group = Load("""
            groups:
              - name: g
                query_offset: 1m
                rules:
                  - record: requests:copy
                    expr: requests
            """);
        group.Evaluate(T0.AddMinutes(1));
        var sample = Assert.Single(RawSamples(LabelSet.FromPairs("__name__", "requests:copy", "job", "api")));
        Assert.Equal(T0.ToUnixTimeMilliseconds(), sample.T);
    }

    [Fact]
    public void ABadResultTypeIsReportedAsTheRuleError()
    {
        var group = Load("""
            groups:
              - name: g
                rules:
                  - record: text
                    expr: '"hello"'
            """);
        group.Evaluate(T0);
        Assert.Equal(RuleHealth.Err, group.Rules[0].Status.Health);
        Assert.Equal("rule result is not a vector or scalar", group.Rules[0].Status.LastError);
    }

    [Fact]
    public void AReloadedGroupKeepsTheAlertStateOfUnchangedRules()
    {
        const string Rules = """
            groups:
              - name: g
                rules:
                  - alert: Down
                    expr: up == 0
                    for: 5m
            """;
        Write("up", ("instance", "a"), T0, 0);
        var first = Load(Rules);
        first.Evaluate(T0);
        var second = Load(Rules);
        Assert.Equal(1, second.KeepStateOf(first));
        var alert = Assert.Single(((AlertingRule)second.Rules[0]).ActiveAlerts());
        Assert.Equal(T0, alert.ActiveAt);
    }

    private RuleGroup Load(string yaml, LabelSet? externalLabels = null)
    {
        var parsed = RuleFileParser.Parse(yaml, "rules.yml");
        Assert.True(parsed.IsValid, string.Join("\n", parsed.Errors));
        var context = new RuleEvaluationContext
        {
            Engine = _engine,
            Queryable = _storage,
            Appendable = _storage,
            ExternalLabels = externalLabels ?? LabelSet.Empty,
        };
        return new RuleGroup(Assert.Single(parsed.Groups), TimeSpan.FromMinutes(1), context);
    }

    private void Write(string metric, (string Name, string Value) label, DateTimeOffset time, double value)
    {
        var appender = _storage.CreateAppender();
        var reference = SeriesRef.None;
        appender.Append(ref reference, LabelSet.FromPairs("__name__", metric, label.Name, label.Value), time.ToUnixTimeMilliseconds(), value);
        appender.Commit();
    }

    private IReadOnlyList<VectorSample> Query(string expr, DateTimeOffset time) =>
        _engine.Evaluate(_storage, expr, time.ToUnixTimeMilliseconds()).Vector;

    private List<(long T, double V)> RawSamples(LabelSet labels)
    {
        using var querier = _storage.CreateQuerier(long.MinValue, long.MaxValue);
        var result = new List<(long T, double V)>();
        var set = querier.Select(false, null, [.. labels.Select(l => LabelMatcher.Equal(l.Name, l.Value))]);
        while (set.MoveNext())
        {
            var iterator = set.Current.Iterator();
            while (iterator.Next() != SampleKind.None)
            {
                result.Add((iterator.Timestamp, iterator.Value));
            }
        }
        return result;
    }
}
