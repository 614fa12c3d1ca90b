using System.Globalization;
using System.Text;
using Argus.Benchmarks.Data;
using Argus.PromQL.Engine;
using Argus.Rules.Evaluation;
using Argus.Rules.Format;
using Argus.Storage;
using Argus.Tsdb;
using BenchmarkDotNet.Attributes;

namespace Argus.Benchmarks.Rules;

/// <summary>
/// One evaluation of one of ten groups of 100 realistic alerting rules (1 000 rules in all, the shape
/// of the Prometheus comparison in issue 6) over the standard data set: 100 000 node-exporter-like
/// series (500 hosts × 100 metrics × 2 devices) with 10 minutes of 15 s samples in the TSDB head.
/// Each rule selects one metric over all hosts (1 000 series): rates and thresholds, aggregations by
/// instance, and templated annotations on the alerts that fire. Ten of these per 15 s interval is the
/// CPU the rule manager needs for the whole set.
/// </summary>
/// <remarks>Evaluations cycle through four times in the 15 s after the newest scrape (where a server's
/// evaluation falls), so every 5m window stays full however many invocations a job runs: advancing the
/// clock for ever would slide the windows past the fixed data and measure ever emptier rules. The alert
/// series the group writes go through <see cref="ShiftedWriteAppendable"/> onto a clock that advances
/// 15 s per evaluation, so they are in-order appends as in a running server.</remarks>
[MemoryDiagnoser]
public class RuleGroupBenchmarks
{
    private const int Instances = 500;
    private const int Steps = 40;
    private TsdbStorage _db = null!;
    private string _dir = string.Empty;
    private RuleGroup _group = null!;
    private readonly PromqlEngine _engine = new();
    private readonly DateTimeOffset[] _cycle = new DateTimeOffset[4];
    private ShiftedWriteAppendable _writes = null!;
    private int _evaluations;

    [GlobalSetup]
    public void Setup()
    {
        var data = new NodeExporterLikeData(Instances);
        _dir = Path.Combine(Path.GetTempPath(), "argus-bench-rules-" + Guid.NewGuid().ToString("N"));
        _db = TsdbStorage.Open(new TsdbOptions { Dir = _dir, CompactionInterval = TimeSpan.Zero, RetentionTime = TimeSpan.Zero });
        var refs = new SeriesRef[data.Series.Length];
        for (var step = 0; step < Steps; step++)
        {
            var appender = _db.CreateAppender();
            for (var s = 0; s < data.Series.Length; s++)
            {
                appender.Append(ref refs[s], data.Series[s], data.Timestamp(step, s), data.NextValue(s));
            }
            appender.Commit();
        }
        // Just after the newest sample of every series (jitter is under 5 ms), then 4, 8 and 12 s later.
        var newest = DateTimeOffset.FromUnixTimeMilliseconds(data.Timestamp(Steps - 1, 0) + 5);
        for (var i = 0; i < _cycle.Length; i++)
        {
            _cycle[i] = newest + TimeSpan.FromSeconds(4 * i);
        }
        _writes = new ShiftedWriteAppendable(_db);
        var parsed = RuleFileParser.Parse(GroupYaml(), "bench.yml");
        if (!parsed.IsValid)
        {
            throw new InvalidOperationException(string.Join("\n", parsed.Errors));
        }
        var context = new RuleEvaluationContext { Engine = _engine, Queryable = _db, Appendable = _writes };
        _group = new RuleGroup(parsed.Groups[0], TimeSpan.FromSeconds(15), context);
        // One pass over the cycle first, so the measured evaluations find the alert state and the
        // alert series already there, as in a running server.
        for (var i = 0; i < _cycle.Length; i++)
        {
            _group.Evaluate(NextTime());
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _db.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>Each call evaluates at the next time of the cycle; what it writes lands 15 s after the
    /// previous call's writes, as the group's loop would have it.</summary>
    [Benchmark]
    public int EvaluateOneGroupOf100AlertingRules()
    {
        _group.Evaluate(NextTime());
        return _group.Rules.Count;
    }

    /// <summary>The same 100 expressions through the engine alone: the part of a group evaluation that is
    /// PromQL, against which alert state, templating and writing are the rest.</summary>
    [Benchmark]
    public int EvaluateTheGroupsExpressionsOnly()
    {
        var timeMs = NextTime().ToUnixTimeMilliseconds();
        var total = 0;
        foreach (var rule in _group.Rules)
        {
            total += _engine.Evaluate(_db, rule.Definition.Expr, timeMs).Vector.Count;
        }
        return total;
    }

    private DateTimeOffset NextTime()
    {
        var time = _cycle[_evaluations % _cycle.Length];
        var clock = _cycle[0] + TimeSpan.FromSeconds(15L * _evaluations);
        _writes.ShiftMs = (long)(clock - time).TotalMilliseconds;
        _evaluations++;
        return time;
    }

    /// <summary>100 rules cycling through four shapes, each on its own metric of the data set.</summary>
    private static string GroupYaml()
    {
        var text = new StringBuilder("groups:\n  - name: node\n    interval: 15s\n    rules:\n");
        for (var m = 0; m < 100; m++)
        {
            var (expr, summary) = (m % 4) switch
            {
                0 => ($"rate(node_net_packets_{m}_total[5m]) > 20", "{{ $labels.instance }} sends {{ $value | humanize }} packets/s"),
                1 => ($"sum by (instance) (rate(node_cpu_seconds_{m}_total[5m])) > 0.5", "{{ $labels.instance }} CPU at {{ $value | humanizePercentage }}"),
                2 => ($"node_memory_{m}_bytes < 4e9", "{{ $labels.instance }} has {{ $value | humanize1024 }}B left"),
                _ => ($"avg by (instance) (node_hwmon_temp_{m}_celsius) > 55", "{{ $labels.instance }} is at {{ $value }} °C"),
            };
            text.Append(CultureInfo.InvariantCulture, $"      - alert: NodeRule{m}\n        expr: {expr}\n        for: 5m\n        labels: {{ severity: warning }}\n        annotations:\n          summary: \"{summary}\"\n");
        }
        return text.ToString();
    }
}
