using Argus.Model;
using Argus.Model.Histograms;
using Argus.Model.Labels;
using Argus.PromQL.Ast;
using Argus.PromQL.Engine;
using Argus.PromQL.Parser;
using Argus.Storage;
using Argus.Storage.InMemory;
using IQueryable = Argus.Storage.IQueryable;

namespace Argus.PromQL.Testing;

/// <summary>
/// Runs Prometheus-format PromQL test scripts (<c>load</c>/<c>eval</c>/<c>clear</c>) against the Argus
/// engine and an in-memory storage, and reports one line per file plus float, native-histogram and
/// total pass/fail lines. Used by the conformance tests and by <c>argus test promql</c>.
/// </summary>
public sealed class PromqlScriptRunner
{
    private const double Epsilon = 1e-6;
    private const double MinNormal = 2.2250738585072014e-308;

    private readonly TextWriter _output;
    private readonly PromqlEngine _engine;

    public PromqlScriptRunner(TextWriter output, PromqlEngineOptions? options = null)
    {
        _output = output;
        _engine = new PromqlEngine(options ?? new PromqlEngineOptions
        {
            LookbackDelta = TimeSpan.FromMinutes(5),
            Timeout = TimeSpan.FromSeconds(100),
        });
    }

    /// <summary>Also run the upstream runner's extra checks: every instant eval as a range query
    /// around its time (the point at t must match).</summary>
    public bool CheckRangeMode { get; init; }

    /// <summary>Also run the upstream runner's step-invariance check: the expression with every selector
    /// and subquery pinned by <c>@ t</c>, evaluated at five other times, must give the same result.</summary>
    public bool CheckAtModifierVariants { get; init; }

    private static readonly HashSet<string> TimeDependentFunctions = new(StringComparer.Ordinal)
    {
        "time", "timestamp", "predict_linear", "hour", "minute", "month", "year", "day_of_month", "day_of_week",
        "day_of_year", "days_in_month", "start", "end", "range", "step",
    };

    /// <summary>Runs every <c>*.test</c> file of the given files and folders, printing the summary lines.</summary>
    public ScriptRunSummary Run(IEnumerable<string> paths)
    {
        var files = new List<string>();
        foreach (var p in paths)
        {
            if (Directory.Exists(p))
            {
                files.AddRange(Directory.GetFiles(p, "*.test").Order(StringComparer.Ordinal));
            }
            else
            {
                files.Add(p);
            }
        }
        var total = new ScriptRunSummary();
        foreach (var file in files)
        {
            var summary = RunScript(Path.GetFileName(file), File.ReadAllText(file));
            _output.WriteLine($"{Path.GetFileName(file)}: {summary.Passed} passed, {summary.Failed} failed (float {summary.FloatPassed}/{summary.FloatPassed + summary.FloatFailed}, native histograms {summary.HistogramPassed}/{summary.HistogramPassed + summary.HistogramFailed})");
            total.Add(summary);
        }
        _output.WriteLine($"float: {total.FloatPassed} passed, {total.FloatFailed} failed");
        _output.WriteLine($"native histograms: {total.HistogramPassed} passed, {total.HistogramFailed} failed");
        _output.WriteLine($"{total.Passed} passed, {total.Failed} failed");
        return total;
    }

    /// <summary>Runs one script; a script that cannot be read counts as one failed case.</summary>
    public ScriptRunSummary RunScript(string name, string text)
    {
        var summary = new ScriptRunSummary();
        List<ScriptCommand> commands;
        try
        {
            commands = ScriptParser.Parse(text);
        }
        catch (ScriptFormatException ex)
        {
            summary.FloatFailed++;
            summary.Failures.Add($"{name}: invalid script: {ex.Message}");
            return summary;
        }
        var storage = new InMemoryStorage();
        var histogramNames = new HashSet<string>(StringComparer.Ordinal);
        var histogramSeries = new List<LabelSet>();
        foreach (var command in commands)
        {
            switch (command)
            {
                case ClearCommand:
                    storage.Clear();
                    histogramNames.Clear();
                    histogramSeries.Clear();
                    break;
                case LoadCommand load:
                    Load(storage, load, histogramNames, histogramSeries);
                    break;
                case EvalCommand eval:
                    {
                        var usesHistograms = eval.UsesHistograms || MentionsAny(eval.Expr, histogramNames) || SelectsAny(eval.Expr, histogramSeries);
                        string? failure;
                        try
                        {
                            failure = RunEval(storage, eval);
                        }
                        catch (Exception ex) when (ex is not OutOfMemoryException)
                        {
                            failure = "runner error: " + ex.GetType().Name + ": " + ex.Message;
                        }
                        if (failure is null)
                        {
                            if (usesHistograms)
                            {
                                summary.HistogramPassed++;
                            }
                            else
                            {
                                summary.FloatPassed++;
                            }
                        }
                        else
                        {
                            if (usesHistograms)
                            {
                                summary.HistogramFailed++;
                            }
                            else
                            {
                                summary.FloatFailed++;
                            }
                            summary.Failures.Add($"{(usesHistograms ? "[nh] " : "[float] ")}{name}:{eval.Line}: {eval.Expr}: {failure}");
                        }
                        break;
                    }
            }
        }
        return summary;
    }

    private static bool MentionsAny(string expr, HashSet<string> names)
    {
        foreach (var n in names)
        {
            var index = expr.IndexOf(n, StringComparison.Ordinal);
            while (index >= 0)
            {
                var before = index == 0 || !Lexer.IsIdentChar(expr[index - 1]);
                var afterIndex = index + n.Length;
                var after = afterIndex >= expr.Length || !Lexer.IsIdentChar(expr[afterIndex]);
                if (before && after)
                {
                    return true;
                }
                index = expr.IndexOf(n, index + 1, StringComparison.Ordinal);
            }
        }
        return false;
    }

    /// <summary>True when a selector of the expression matches a series that holds histogram samples.</summary>
    private static bool SelectsAny(string exprText, List<LabelSet> histogramSeries)
    {
        if (histogramSeries.Count == 0)
        {
            return false;
        }
        Expr expr;
        try
        {
            expr = PromqlParser.Parse(exprText);
        }
        catch (PromqlParseException)
        {
            return false;
        }
        var stack = new Stack<Expr>([expr]);
        while (stack.Count > 0)
        {
            var e = stack.Pop();
            if (e is VectorSelector vs && histogramSeries.Any(s => vs.Matchers.All(m => m.Matches(s.Get(m.Name)))))
            {
                return true;
            }
            foreach (var child in e.Children)
            {
                stack.Push(child);
            }
        }
        return false;
    }

    private static void Load(InMemoryStorage storage, LoadCommand load, HashSet<string> histogramNames, List<LabelSet> histogramSeries)
    {
        var appender = storage.CreateAppender();
        foreach (var (labels, slots) in load.Series)
        {
            var series = SeriesRef.None;
            for (var i = 0; i < slots.Count; i++)
            {
                var slot = slots[i];
                if (slot.Kind == SlotKind.Histogram)
                {
                    histogramNames.Add(labels.MetricName);
                    if (!histogramSeries.Contains(labels))
                    {
                        histogramSeries.Add(labels);
                    }
                    appender.AppendHistogram(ref series, labels, i * load.StepMs, slot.Histogram!);
                    continue;
                }
                if (slot.Kind == SlotKind.Float)
                {
                    appender.Append(ref series, labels, i * load.StepMs, slot.Value);
                }
            }
        }
        if (load.WithNhcb)
        {
            foreach (var (labels, histograms) in ClassicHistogramConversion.Convert(load.Series))
            {
                histogramNames.Add(labels.MetricName);
                histogramSeries.Add(labels);
                var series = SeriesRef.None;
                for (var i = 0; i < histograms.Length; i++)
                {
                    if (histograms[i] is { } h)
                    {
                        appender.AppendHistogram(ref series, labels, i * load.StepMs, h);
                    }
                }
            }
        }
        appender.Commit();
    }

    /// <summary>Runs one eval; returns null when it passes, else the reason.</summary>
    private string? RunEval(IQueryable storage, EvalCommand eval)
    {
        Expr expr;
        try
        {
            expr = PromqlParser.Parse(eval.Expr);
        }
        catch (PromqlParseException ex)
        {
            return "syntax error (invalid script): " + ex.Message;
        }
        QueryResult result;
        try
        {
            result = eval.Range
                ? _engine.EvaluateRange(storage, expr, eval.StartMs, eval.EndMs, eval.StepMs)
                : _engine.Evaluate(storage, expr, eval.StartMs);
        }
        catch (PromqlException ex)
        {
            if (!eval.ExpectFail)
            {
                return "unexpected error: " + ex.Message;
            }
            if (eval.FailMessage is not null && ex.Message.Trim() != eval.FailMessage.Trim())
            {
                return $"expected error \"{eval.FailMessage}\", got \"{ex.Message}\"";
            }
            if (eval.FailRegex is not null && !System.Text.RegularExpressions.Regex.IsMatch(ex.Message, eval.FailRegex))
            {
                return $"expected error matching \"{eval.FailRegex}\", got \"{ex.Message}\"";
            }
            return null;
        }
        if (eval.ExpectFail)
        {
            return "expected the query to fail, but it succeeded";
        }
        var problem = CheckAnnotations(eval, result) ?? CheckResult(eval, result);
        if (problem is null && CheckRangeMode && !eval.Range && !eval.Ordered && eval.RangeVector is null && eval.ExpectedString is null &&
            !CallsAny(expr, "start", "end", "range", "step"))
        {
            problem = CheckAsRange(storage, expr, eval);
        }
        if (problem is null && CheckAtModifierVariants && !eval.Range && !CallsAny(expr, [.. TimeDependentFunctions]))
        {
            problem = CheckAtVariants(storage, expr, eval);
        }
        return problem;
    }

    /// <summary>True when the expression (including duration expressions in ranges and offsets) calls
    /// one of <paramref name="names"/>.</summary>
    private static bool CallsAny(Expr expr, params string[] names)
    {
        var text = expr.ToString();
        foreach (var name in names)
        {
            var index = text.IndexOf(name + "(", StringComparison.OrdinalIgnoreCase);
            while (index >= 0)
            {
                if (index == 0 || !Lexer.IsIdentChar(text[index - 1]))
                {
                    return true;
                }
                index = text.IndexOf(name + "(", index + 1, StringComparison.OrdinalIgnoreCase);
            }
        }
        return false;
    }

    /// <summary>Pins every selector and subquery without <c>@</c> to the eval time (not descending into
    /// subqueries that already have one), prints and re-parses the expression, and evaluates it at
    /// other times; each result must match the expectations.</summary>
    private string? CheckAtVariants(IQueryable storage, Expr expr, EvalCommand eval)
    {
        var t = eval.StartMs;
        var pinned = PromqlParser.Parse(expr.ToString());
        PinAt(pinned, t);
        var text = pinned.ToString();
        long[] times = t == 0 ? [-1000, 0, 1000] : [-10 * t, 0, t / 5, t, 10 * t];
        foreach (var time in times)
        {
            var variant = PromqlParser.Parse(text);
            QueryResult result;
            try
            {
                result = _engine.Evaluate(storage, variant, time);
            }
            catch (PromqlException ex)
            {
                if (eval.ExpectFail)
                {
                    continue;
                }
                return $"@ variant \"{text}\" at {time}ms failed: {ex.Message}";
            }
            if (eval.ExpectFail)
            {
                return $"@ variant \"{text}\" at {time}ms succeeded, expected failure";
            }
            var problem = CheckAnnotations(eval, result) ?? CheckResult(eval, result);
            if (problem is not null)
            {
                return $"@ variant \"{text}\" at {time}ms: {problem}";
            }
        }
        return null;
    }

    private static void PinAt(Expr expr, long t)
    {
        switch (expr)
        {
            case VectorSelector vs when vs.Modifiers.At == AtModifier.None:
                vs.Modifiers = vs.Modifiers with { At = AtModifier.Timestamp, AtMs = t };
                return;
            case MatrixSelector ms when ms.Selector.Modifiers.At == AtModifier.None:
                ms.Selector.Modifiers = ms.Selector.Modifiers with { At = AtModifier.Timestamp, AtMs = t };
                return;
            case SubqueryExpr sq:
                if (sq.Modifiers.At == AtModifier.None)
                {
                    sq.Modifiers = sq.Modifiers with { At = AtModifier.Timestamp, AtMs = t };
                }
                return;
        }
        foreach (var child in expr.Children)
        {
            PinAt(child, t);
        }
    }

    private string? CheckAsRange(IQueryable storage, Expr expr, EvalCommand eval)
    {
        if (expr.Type is not (PromValueType.Scalar or PromValueType.Vector))
        {
            return null;
        }
        var t = eval.StartMs;
        var result = _engine.EvaluateRange(storage, expr, t - 60_000, t + 60_000, 60_000);
        var atT = new List<(LabelSet, double, FloatHistogram?)>();
        foreach (var s in result.Matrix)
        {
            foreach (var p in s.Points)
            {
                if (p.T == t)
                {
                    atT.Add((s.Metric, p.F, null));
                }
            }
            foreach (var p in s.Histograms ?? [])
            {
                if (p.T == t)
                {
                    atT.Add((s.Metric, 0, p.H));
                }
            }
        }
        if (eval.ExpectedScalar is { } scalar)
        {
            return atT.Count == 1 && FloatEquals(scalar, atT[0].Item2) ? null : "range-mode check: scalar differs";
        }
        if (atT.Count != eval.Expected.Count)
        {
            return $"range-mode check: expected {eval.Expected.Count} series at t, got {atT.Count}";
        }
        foreach (var e in eval.Expected)
        {
            var match = atT.FindIndex(a => a.Item1 == e.Labels);
            if (match < 0 || SlotMismatch(e.Slots[0], atT[match].Item2, atT[match].Item3) is not null)
            {
                return $"range-mode check: {e.Labels} differs";
            }
        }
        return null;
    }

    private static string? CheckAnnotations(EvalCommand eval, QueryResult result)
    {
        if (eval.NoWarn && result.Warnings.Count > 0)
        {
            return "unexpected warnings: " + string.Join("; ", result.Warnings);
        }
        if (eval.NoInfo && result.Infos.Count > 0)
        {
            return "unexpected info annotations: " + string.Join("; ", result.Infos);
        }
        if (eval.AnyWarn && result.Warnings.Count == 0)
        {
            return "expected a warning annotation, got none";
        }
        if (eval.AnyInfo && result.Infos.Count == 0)
        {
            return "expected an info annotation, got none";
        }
        foreach (var warning in new[] { true, false })
        {
            var expectations = eval.Annotations.Where(a => a.Warning == warning).ToList();
            if (expectations.Count == 0)
            {
                continue;
            }
            var actual = warning ? result.Warnings : result.Infos;
            var kind = warning ? "warning" : "info";
            foreach (var e in expectations)
            {
                if (!actual.Any(a => Matches(e, a)))
                {
                    return $"expected {kind} annotation {e.Message ?? e.Regex ?? "(any)"}, got [{string.Join("; ", actual)}]";
                }
            }
            foreach (var a in actual)
            {
                if (!expectations.Any(e => Matches(e, a)))
                {
                    return $"unexpected {kind} annotation: {a}";
                }
            }
        }
        return null;
    }

    private static bool Matches(AnnotationExpectation e, string text)
    {
        if (e.Message is not null)
        {
            return text.Trim() == e.Message.Trim();
        }
        if (e.Regex is not null)
        {
            return System.Text.RegularExpressions.Regex.IsMatch(text, e.Regex);
        }
        return true;
    }

    private static string? CheckResult(EvalCommand eval, QueryResult result)
    {
        if (eval.ExpectedString is not null)
        {
            return result.Type == PromValueType.String && result.String == eval.ExpectedString
                ? null
                : $"expected string \"{eval.ExpectedString}\", got {Describe(result)}";
        }
        if (eval.ExpectedScalar is { } scalar)
        {
            return result.Type == PromValueType.Scalar && FloatEquals(scalar, result.Scalar)
                ? null
                : $"expected scalar {scalar}, got {Describe(result)}";
        }
        if (eval.Range || eval.RangeVector is not null)
        {
            var (start, _, step) = eval.RangeVector ?? (eval.StartMs, eval.EndMs, eval.StepMs);
            if (result.Type != PromValueType.Matrix)
            {
                return "expected a range vector, got " + Describe(result);
            }
            return CompareMatrix(eval, result.Matrix, start, step);
        }
        if (result.Type != PromValueType.Vector)
        {
            return "expected an instant vector, got " + Describe(result);
        }
        return CompareVector(eval, result.Vector);
    }

    private static string Describe(QueryResult r) => r.Type switch
    {
        PromValueType.Scalar => $"scalar {r.Scalar}",
        PromValueType.String => $"string \"{r.String}\"",
        PromValueType.Vector => $"vector of {r.Vector.Count}: " + string.Join(", ", r.Vector.Take(5).Select(v => $"{v.Metric} {ValueText(v.F, v.H)}")),
        _ => $"matrix of {r.Matrix.Count}: " + string.Join(", ", r.Matrix.Take(5).Select(PointsText)),
    };

    private static string ValueText(double f, FloatHistogram? h) => h?.ToString() ?? f.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string PointsText(Series s) =>
        $"{s.Metric} [{string.Join(" ", s.Points.Select(p => $"{p.F}@{p.T}").Concat((s.Histograms ?? []).Select(p => $"{p.H}@{p.T}")))}]";

    /// <summary>Why an actual float or histogram differs from an expected slot, or null when equal.</summary>
    private static string? SlotMismatch(Slot expected, double f, FloatHistogram? h)
    {
        if (expected.Kind == SlotKind.Histogram)
        {
            if (h is null)
            {
                return $"expected histogram {expected.Histogram}, got float {f}";
            }
            return expected.Histogram!.Equivalent(h, FloatEquals, expected.HintGiven) ? null : $"expected {expected.Histogram}, got {h}";
        }
        if (h is not null)
        {
            return $"expected float {expected.Value}, got histogram {h}";
        }
        return FloatEquals(expected.Value, f) ? null : $"expected {expected.Value}, got {f}";
    }

    private static string? CompareVector(EvalCommand eval, IReadOnlyList<VectorSample> actual)
    {
        if (actual.Count != eval.Expected.Count)
        {
            return $"expected {eval.Expected.Count} samples, got {actual.Count}: " + string.Join(", ", actual.Take(8).Select(v => $"{v.Metric} {ValueText(v.F, v.H)}"));
        }
        for (var i = 0; i < eval.Expected.Count; i++)
        {
            var e = eval.Expected[i];
            var index = -1;
            for (var j = 0; j < actual.Count; j++)
            {
                if (actual[j].Metric == e.Labels)
                {
                    index = j;
                    break;
                }
            }
            if (index < 0)
            {
                return $"expected series {e.Labels} not in result: " + string.Join(", ", actual.Take(8).Select(v => $"{v.Metric} {ValueText(v.F, v.H)}"));
            }
            if (eval.Ordered && index != i)
            {
                return $"expected {e.Labels} at position {i}, found at {index}";
            }
            if (SlotMismatch(e.Slots[0], actual[index].F, actual[index].H) is { } mismatch)
            {
                return $"{e.Labels}: {mismatch}";
            }
        }
        return null;
    }

    private static string? CompareMatrix(EvalCommand eval, IReadOnlyList<Series> actual, long start, long step)
    {
        for (var i = 1; i < actual.Count; i++)
        {
            if (actual[i - 1].Metric.CompareTo(actual[i].Metric) > 0)
            {
                return "matrix is not sorted by labels";
            }
        }
        var expected = eval.Expected.Where(e => e.Slots.Any(s => s.Kind != SlotKind.Empty)).ToList();
        var nonEmpty = actual.Where(s => s.Count > 0).ToList();
        if (nonEmpty.Count != expected.Count)
        {
            return $"expected {expected.Count} series, got {nonEmpty.Count}: " + string.Join(", ", nonEmpty.Take(5).Select(PointsText));
        }
        foreach (var e in expected)
        {
            var series = nonEmpty.FirstOrDefault(s => s.Metric == e.Labels);
            if (series is null)
            {
                return $"expected series {e.Labels} not in result";
            }
            var floats = new List<(long T, Slot Slot)>();
            var histograms = new List<(long T, Slot Slot)>();
            for (var i = 0; i < e.Slots.Count; i++)
            {
                if (e.Slots[i].Kind != SlotKind.Empty)
                {
                    (e.Slots[i].Kind == SlotKind.Float ? floats : histograms).Add((start + (i * step), e.Slots[i]));
                }
            }
            var actualHistograms = series.Histograms ?? [];
            if (floats.Count != series.Points.Count || histograms.Count != actualHistograms.Count)
            {
                return $"{e.Labels}: expected {floats.Count} float and {histograms.Count} histogram points, got {series.Points.Count} and {actualHistograms.Count}: {PointsText(series)}";
            }
            for (var i = 0; i < floats.Count; i++)
            {
                if (floats[i].T != series.Points[i].T || SlotMismatch(floats[i].Slot, series.Points[i].F, null) is not null)
                {
                    return $"{e.Labels}: point {i} expected {floats[i].Slot.Value}@{floats[i].T}, got {series.Points[i].F}@{series.Points[i].T}";
                }
            }
            for (var i = 0; i < histograms.Count; i++)
            {
                if (histograms[i].T != actualHistograms[i].T || SlotMismatch(histograms[i].Slot, 0, actualHistograms[i].H) is not null)
                {
                    return $"{e.Labels}: histogram point {i} at {histograms[i].T}: expected {histograms[i].Slot.Histogram}, got {actualHistograms[i].H}@{actualHistograms[i].T}";
                }
            }
        }
        return null;
    }

    /// <summary>The script language's float equality: stale equals stale, NaN equals NaN, else a
    /// relative tolerance of 1e-6 against the sum of magnitudes.</summary>
    public static bool FloatEquals(double expected, double actual)
    {
        if (StaleNaN.Is(expected) || StaleNaN.Is(actual))
        {
            return StaleNaN.Is(expected) && StaleNaN.Is(actual);
        }
        if (double.IsNaN(expected) || double.IsNaN(actual))
        {
            return double.IsNaN(expected) && double.IsNaN(actual);
        }
        if (expected == actual)
        {
            return true;
        }
        var absSum = Math.Abs(expected) + Math.Abs(actual);
        var diff = Math.Abs(expected - actual);
        if (expected == 0 || actual == 0 || absSum < MinNormal)
        {
            return diff < Epsilon * MinNormal;
        }
        return diff / Math.Min(absSum, double.MaxValue) < Epsilon;
    }
}
