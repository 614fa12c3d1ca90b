using System.Globalization;
using System.Text;
using Argus.Config;
using Argus.Model.Formatting;
using Argus.Model.Histograms;
using Argus.Model.Labels;
using Argus.Model.Time;
using Argus.PromQL.Ast;
using Argus.PromQL.Engine;
using Argus.PromQL.Testing;
using Argus.Rules.Alerting;
using Argus.Rules.Evaluation;
using Argus.Rules.Format;
using Argus.Storage;
using Argus.Storage.InMemory;

namespace Argus.Rules.UnitTesting;

/// <summary>
/// Runs rule unit tests the way <c>promtool test rules</c> does: for every test group, a fresh
/// in-memory storage receives the input series step by step while every rule group is evaluated each
/// <c>evaluation_interval</c> from the start time up to the latest <c>eval_time</c>; firing alerts are
/// compared at the evaluation step covering each alert test's time, and PromQL expectations are
/// checked by querying the storage afterwards. Output matches promtool's: <c>Unit Testing:  FILE</c>,
/// then <c>SUCCESS</c> or <c>FAILED:</c> with the reasons.
/// </summary>
public sealed class RuleTestRunner(TextWriter output, TextWriter error, RuleTestOptions? options = null)
{
    private readonly RuleTestOptions _options = options ?? new RuleTestOptions();

    /// <summary>Runs every file; true when all passed.</summary>
    public bool Run(IReadOnlyList<string> files)
    {
        var allPassed = true;
        foreach (var file in files)
        {
            output.WriteLine($"Unit Testing:  {file}");
            var errors = RunFile(file);
            if (errors.Count == 0)
            {
                output.WriteLine("  SUCCESS");
            }
            else
            {
                allPassed = false;
                error.WriteLine("  FAILED:");
                foreach (var message in errors)
                {
                    error.WriteLine(message);
                    output.WriteLine();
                }
            }
            output.WriteLine();
        }
        return allPassed;
    }

    /// <summary>Runs one test file; the failure messages, or an empty list when everything passed.</summary>
    public IReadOnlyList<string> RunFile(string path)
    {
        RuleTestFile file;
        try
        {
            file = RuleTestFileParser.Parse(File.ReadAllText(path), path);
        }
        catch (Exception e) when (e is ConfigException or IOException or UnauthorizedAccessException)
        {
            return [e.Message];
        }
        if (file.EvaluationInterval <= TimeSpan.Zero)
        {
            return [$"{path}: evaluation_interval must be positive"];
        }
        var directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        var definitions = new List<RuleGroupDefinition>();
        var errors = new List<string>();
        var ruleOptions = RuleFileOptions.Default with { IgnoreUnknownFields = _options.IgnoreUnknownFields };
        foreach (var pattern in file.RuleFiles)
        {
            foreach (var ruleFile in FileGlob.Match(pattern, directory))
            {
                var parsed = RuleFileParser.ParseFile(ruleFile, ruleOptions);
                errors.AddRange(parsed.Errors);
                definitions.AddRange(parsed.Groups);
            }
        }
        if (errors.Count > 0)
        {
            return errors;
        }
        var orderError = CheckGroupOrder(file, definitions);
        if (orderError is not null)
        {
            return [orderError];
        }
        foreach (var group in file.Tests)
        {
            if (_options.RunPatterns.Count > 0 && !_options.RunPatterns.Any(r => r.IsMatch(group.Name)))
            {
                continue;
            }
            errors.AddRange(RunGroup(file, group, Ordered(file, definitions)));
        }
        return errors;
    }

    private static string? CheckGroupOrder(RuleTestFile file, List<RuleGroupDefinition> definitions)
    {
        var names = definitions.Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in file.GroupEvalOrder)
        {
            if (!seen.Add(name))
            {
                return $"group name repeated in evaluation order: {name}";
            }
            if (!names.Contains(name))
            {
                return $"cannot find group {name} in the rule files";
            }
        }
        return null;
    }

    /// <summary>The groups named in <c>group_eval_order</c> first, in that order, then the rest in file order.</summary>
    private static List<RuleGroupDefinition> Ordered(RuleTestFile file, List<RuleGroupDefinition> definitions)
    {
        var rank = file.GroupEvalOrder.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal);
        return [.. definitions.Select((d, i) => (d, i))
            .OrderBy(p => rank.TryGetValue(p.d.Name, out var r) ? r : int.MaxValue)
            .ThenBy(p => p.i)
            .Select(p => p.d)];
    }

    private List<string> RunGroup(RuleTestFile file, RuleTestGroup test, List<RuleGroupDefinition> definitions)
    {
        var errors = new List<string>();
        var testName = test.Name.Length > 0 ? $"    name: {test.Name},\n" : string.Empty;
        var interval = test.Interval ?? file.EvaluationInterval;
        List<(LabelSet Labels, long T, double V, FloatHistogram? H)> samples;
        try
        {
            samples = InputSamples(test, interval);
        }
        catch (Exception e) when (e is FormatException or ScriptFormatException or ArgumentException or OverflowException)
        {
            return [$"{testName}    {e.Message}"];
        }
        var storage = new InMemoryStorage();
        var engine = new PromqlEngine(_options.EngineOptions);
        var context = new RuleEvaluationContext
        {
            Engine = engine,
            Queryable = storage,
            Appendable = storage,
            ExternalLabels = test.ExternalLabels,
            ExternalUrl = test.ExternalUrl,
        };
        List<RuleGroup> groups;
        try
        {
            groups = [.. definitions.Select(d => new RuleGroup(d, file.EvaluationInterval, context))];
        }
        catch (ArgumentException e)
        {
            return [e.Message];
        }
        var start = test.StartTime;
        var maxEval = test.AlertTests.Select(a => a.EvalTime).Concat(test.PromqlTests.Select(p => p.EvalTime)).DefaultIfEmpty(TimeSpan.Zero).Max();
        var alertTimes = test.AlertTests.Select(a => a.EvalTime).Distinct().Order().ToList();
        var nextAlertTime = 0;
        var loaded = 0;
        for (var offset = TimeSpan.Zero; offset <= maxEval; offset += file.EvaluationInterval)
        {
            var ts = start + offset;
            loaded = Load(storage, samples, loaded, ts.ToUnixTimeMilliseconds());
            var evalErrors = new List<string>();
            foreach (var group in groups)
            {
                group.Evaluate(ts);
                foreach (var rule in group.Rules)
                {
                    if (rule.Status.Health == RuleHealth.Err)
                    {
                        evalErrors.Add($"    rule: {rule.Name}, time: {PromDuration.Format(offset)}, err: {rule.Status.LastError}");
                    }
                }
            }
            if (evalErrors.Count > 0)
            {
                return evalErrors;
            }
            // Alert tests whose time falls in [offset, offset + evaluation_interval) are checked
            // against this evaluation, as promtool does.
            while (nextAlertTime < alertTimes.Count && alertTimes[nextAlertTime] >= offset && alertTimes[nextAlertTime] < offset + file.EvaluationInterval)
            {
                var time = alertTimes[nextAlertTime++];
                foreach (var alertTest in test.AlertTests.Where(a => a.EvalTime == time))
                {
                    if (CompareAlerts(alertTest, groups, testName) is { } failure)
                    {
                        errors.Add(failure);
                    }
                }
            }
        }
        foreach (var promqlTest in test.PromqlTests)
        {
            if (ComparePromql(promqlTest, engine, storage, start, file.FuzzyCompare) is { } failure)
            {
                errors.Add(failure);
            }
        }
        return errors;
    }

    /// <summary>Every input sample, ordered by time; the <c>i</c>-th value of a series is at start + i × interval.</summary>
    private static List<(LabelSet Labels, long T, double V, FloatHistogram? H)> InputSamples(RuleTestGroup test, TimeSpan interval)
    {
        var samples = new List<(LabelSet Labels, long T, double V, FloatHistogram? H)>();
        var startMs = test.StartTime.ToUnixTimeMilliseconds();
        var stepMs = (long)interval.TotalMilliseconds;
        foreach (var series in test.InputSeries)
        {
            var labels = SeriesNotation.ParseLabels(series.Series);
            var slots = SeriesNotation.ParseValues(series.Values);
            for (var i = 0; i < slots.Count; i++)
            {
                switch (slots[i].Kind)
                {
                    case SlotKind.Float:
                        samples.Add((labels, startMs + (i * stepMs), slots[i].Value, null));
                        break;
                    case SlotKind.Histogram:
                        samples.Add((labels, startMs + (i * stepMs), 0, slots[i].Histogram));
                        break;
                }
            }
        }
        samples.Sort((a, b) => a.T.CompareTo(b.T));
        return samples;
    }

    private static int Load(InMemoryStorage storage, List<(LabelSet Labels, long T, double V, FloatHistogram? H)> samples, int from, long untilMs)
    {
        var appender = storage.CreateAppender();
        var i = from;
        for (; i < samples.Count && samples[i].T <= untilMs; i++)
        {
            var reference = SeriesRef.None;
            if (samples[i].H is { } histogram)
            {
                appender.AppendHistogram(ref reference, samples[i].Labels, samples[i].T, histogram);
            }
            else
            {
                appender.Append(ref reference, samples[i].Labels, samples[i].T, samples[i].V);
            }
        }
        appender.Commit();
        return i;
    }

    private static string? CompareAlerts(AlertTestCase test, List<RuleGroup> groups, string testName)
    {
        var got = new List<(LabelSet Labels, LabelSet Annotations)>();
        foreach (var rule in groups.SelectMany(g => g.Rules).OfType<AlertingRule>().Where(r => r.Name == test.AlertName))
        {
            foreach (var alert in rule.ActiveAlerts().Where(a => a.State == AlertState.Firing))
            {
                got.Add((alert.Labels, LabelPairs.ToLabelSet(alert.Annotations)));
            }
        }
        var expected = test.ExpectedAlerts
            .Select(a => (Labels: LabelPairs.ToLabelSet(a.Labels.Append(new(LabelNames.AlertName, test.AlertName))), Annotations: LabelPairs.ToLabelSet(a.Annotations)))
            .ToList();
        got.Sort(CompareAlert);
        expected.Sort(CompareAlert);
        if (got.SequenceEqual(expected))
        {
            return null;
        }
        return $"{testName}    alertname: {test.AlertName}, time: {PromDuration.Format(test.EvalTime)}, \n        exp:{Indent(AlertsText(expected))}, \n        got:{Indent(AlertsText(got))}";
    }

    private static int CompareAlert((LabelSet Labels, LabelSet Annotations) a, (LabelSet Labels, LabelSet Annotations) b)
    {
        var byLabels = a.Labels.CompareTo(b.Labels);
        return byLabels != 0 ? byLabels : a.Annotations.CompareTo(b.Annotations);
    }

    private static string AlertsText(List<(LabelSet Labels, LabelSet Annotations)> alerts)
    {
        if (alerts.Count == 0)
        {
            return "[]";
        }
        var text = new StringBuilder("[\n");
        for (var i = 0; i < alerts.Count; i++)
        {
            text.Append(i > 0 ? ",\n" : string.Empty).Append(i.ToString(CultureInfo.InvariantCulture)).Append(':')
                .Append("\n  Labels:").Append(alerts[i].Labels).Append("\n  Annotations:").Append(alerts[i].Annotations);
        }
        return text.Append("\n]").ToString();
    }

    private static string Indent(string text) => text.Replace("\n", "\n            ", StringComparison.Ordinal);

    private static string? ComparePromql(PromqlTestCase test, PromqlEngine engine, InMemoryStorage storage, DateTimeOffset start, bool fuzzy)
    {
        var where = $"    expr: \"{test.Expr}\", time: {PromDuration.Format(test.EvalTime)}";
        List<ComparedSample> got;
        try
        {
            var result = engine.Evaluate(storage, test.Expr, (start + test.EvalTime).ToUnixTimeMilliseconds());
            got = result.Type switch
            {
                PromValueType.Vector => [.. result.Vector.Select(s => new ComparedSample(s.Metric, s.F, s.H, false))],
                PromValueType.Scalar => [new ComparedSample(LabelSet.Empty, result.Scalar, null, false)],
                _ => throw new RuleEvaluationException("rule result is not a vector or scalar"),
            };
        }
        catch (Exception e) when (e is PromqlException or RuleEvaluationException)
        {
            return $"{where}, err: {e.Message}";
        }
        var expected = new List<ComparedSample>();
        foreach (var sample in test.ExpectedSamples)
        {
            try
            {
                var labels = sample.Labels.Trim().Length == 0 ? LabelSet.Empty : SeriesNotation.ParseLabels(sample.Labels);
                var histogram = sample.Histogram.Length > 0 ? HistogramNotation.Parse(sample.Histogram) : null;
                expected.Add(new ComparedSample(labels, sample.Value, histogram, sample.Histogram.Contains("counter_reset_hint", StringComparison.Ordinal)));
            }
            catch (Exception e) when (e is FormatException or ScriptFormatException or ArgumentException)
            {
                return $"{where}, err: labels \"{sample.Labels}\": {e.Message}";
            }
        }
        got.Sort((a, b) => a.Labels.CompareTo(b.Labels));
        expected.Sort((a, b) => a.Labels.CompareTo(b.Labels));
        var equal = got.Count == expected.Count
            && got.Zip(expected).All(p => p.First.Labels == p.Second.Labels && SameSample(p.Second, p.First, fuzzy));
        return equal ? null : $"{where},\n        exp: {SamplesText(expected)}\n        got: {SamplesText(got)}";
    }

    /// <summary>A float or histogram sample of a PromQL expectation or result; <see cref="HintGiven"/>
    /// says the expected histogram spelled out its counter-reset hint, which is then compared.</summary>
    private sealed record ComparedSample(LabelSet Labels, double Value, FloatHistogram? Histogram, bool HintGiven);

    private static bool SameSample(ComparedSample expected, ComparedSample actual, bool fuzzy)
    {
        if (expected.Histogram is null || actual.Histogram is null)
        {
            return expected.Histogram is null && actual.Histogram is null && SameValue(actual.Value, expected.Value, fuzzy);
        }
        return expected.Histogram.Equivalent(actual.Histogram, (a, b) => SameValue(a, b, fuzzy), expected.HintGiven);
    }

    /// <summary>Exact equality (NaN equals NaN), or with <paramref name="fuzzy"/> a difference of at most
    /// one unit in the last place.</summary>
    private static bool SameValue(double a, double b, bool fuzzy)
    {
        if (a.Equals(b))
        {
            return true;
        }
        if (!fuzzy || double.IsNaN(a) || double.IsNaN(b) || Math.Sign(a) != Math.Sign(b))
        {
            return false;
        }
        return Math.Abs(BitConverter.DoubleToInt64Bits(a) - BitConverter.DoubleToInt64Bits(b)) <= 1;
    }

    private static string SamplesText(List<ComparedSample> samples) =>
        samples.Count == 0 ? "nil" : string.Join(", ", samples.Select(s => $"{s.Labels} {s.Histogram?.ToString() ?? FormatUpperE(s.Value)}"));

    /// <summary>Go's <c>strconv.FormatFloat(v, 'E', -1, 64)</c>, which promtool prints values with.</summary>
    private static string FormatUpperE(double value) =>
        double.IsFinite(value) ? GoFloat.FormatE(value).Replace('e', 'E') : GoFloat.FormatE(value);
}
