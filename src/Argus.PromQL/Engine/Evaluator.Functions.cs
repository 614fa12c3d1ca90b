using System.Globalization;
using System.Text;
using Argus.Model.Labels;
using Argus.Model.Regex;
using Argus.PromQL.Ast;

namespace Argus.PromQL.Engine;

/// <summary>Function calls: dispatch, instant-vector math, labels, sorting, time and histogram functions.</summary>
internal sealed partial class Evaluator
{
    private object EvalCall(Call c)
    {
        var name = c.Function.Name;
        if (c.Function.Experimental && !_ctx.Options.EnableExperimentalFunctions)
        {
            throw new PromqlException(ErrorType.BadData, $"function \"{name}\" is not enabled");
        }
        if (IsRangeFunction(c.Function))
        {
            var arg = c.Args[name == "quantile_over_time" ? 1 : 0];
            var data = (RangeData)Eval(arg);
            // Set right before the function runs: evaluating the argument may have applied other range functions.
            _keepNameOfRangeResult = ReferenceEquals(c, _nameIrrelevantCall);
            var result = EvalRangeFunction(c, data);
            data.ReturnBuffers();
            return result;
        }
        switch (name)
        {
            case "time":
                {
                    var values = new double[_steps];
                    for (var i = 0; i < _steps; i++)
                    {
                        values[i] = StepTime(i) / 1000.0;
                    }
                    return values;
                }
            case "step":
            case "range":
            case "start":
            case "end":
                {
                    var value = name switch
                    {
                        "step" => _ctx.QueryStep / 1000.0,
                        "range" => (_ctx.QueryEnd - _ctx.QueryStart) / 1000.0,
                        "start" => _ctx.QueryStart / 1000.0,
                        _ => _ctx.QueryEnd / 1000.0,
                    };
                    var values = new double[_steps];
                    Array.Fill(values, value);
                    return values;
                }
            case "min_of":
            case "max_of":
                {
                    var a = EvalScalar(c.Args[0]);
                    var b = EvalScalar(c.Args[1]);
                    for (var i = 0; i < a.Length; i++)
                    {
                        a[i] = name == "min_of" ? Math.Min(a[i], b[i]) : Math.Max(a[i], b[i]);
                    }
                    return a;
                }
            case "pi":
                {
                    var values = new double[_steps];
                    Array.Fill(values, Math.PI);
                    return values;
                }
            case "vector":
                {
                    var values = EvalScalar(c.Args[0]);
                    var points = new List<FPoint>(_steps);
                    for (var i = 0; i < _steps; i++)
                    {
                        points.Add(new FPoint(StepTime(i), values[i]));
                    }
                    _ctx.AddSamples(points.Count);
                    return new List<Series> { new(LabelSet.Empty, points) };
                }
            case "scalar":
                {
                    var perStep = ByStep(EvalVector(c.Args[0]));
                    var values = new double[_steps];
                    for (var i = 0; i < _steps; i++)
                    {
                        // Histogram samples are no scalar; only the float samples count.
                        var floats = perStep[i].FindAll(static s => s.H is null);
                        values[i] = floats.Count == 1 ? floats[0].F : double.NaN;
                    }
                    return values;
                }
            case "timestamp":
                {
                    var arg = Unwrap(c.Args[0]);
                    var vector = arg is VectorSelector vs ? EvalVectorSelector(vs, returnTimestamps: true) : TimestampsOfSteps(EvalVector(arg));
                    foreach (var s in vector)
                    {
                        DropNameOf(s);
                    }
                    return vector;
                }
            case "absent":
                return Absent(c);
            case "absent_over_time":
                return AbsentOverTime(c);
            case "info":
                return Info(c);
            case "label_replace":
                return LabelReplace(c);
            case "label_join":
                return LabelJoin(c);
            case "sort":
            case "sort_desc":
            case "sort_by_label":
            case "sort_by_label_desc":
                return Sort(c);
            case "histogram_quantile":
                return HistogramQuantile(c);
            case "histogram_quantiles":
                return HistogramQuantiles(c);
            case "histogram_fraction":
                return HistogramFraction(c);
            case "histogram_count":
            case "histogram_sum":
            case "histogram_avg":
            case "histogram_stddev":
            case "histogram_stdvar":
                return HistogramProperty(c);
            case "clamp":
                {
                    var min = EvalScalar(c.Args[1]);
                    var max = EvalScalar(c.Args[2]);
                    return MapVector(EvalVector(c.Args[0]), (v, i) => max[i] < min[i] ? null : Math.Max(min[i], Math.Min(max[i], v)));
                }
            case "clamp_min":
                {
                    var min = EvalScalar(c.Args[1]);
                    return MapVector(EvalVector(c.Args[0]), (v, i) => Math.Max(min[i], v));
                }
            case "clamp_max":
                {
                    var max = EvalScalar(c.Args[1]);
                    return MapVector(EvalVector(c.Args[0]), (v, i) => Math.Min(max[i], v));
                }
            case "round":
                {
                    double[]? toNearest = c.Args.Count > 1 ? EvalScalar(c.Args[1]) : null;
                    return MapVector(EvalVector(c.Args[0]), (v, i) =>
                    {
                        var inverse = 1.0 / (toNearest is null ? 1 : toNearest[i]);
                        return Math.Floor((v * inverse) + 0.5) / inverse;
                    });
                }
            case "day_of_month":
            case "day_of_week":
            case "day_of_year":
            case "days_in_month":
            case "hour":
            case "minute":
            case "month":
            case "year":
                return DateFunction(c);
            default:
                {
                    var f = SimpleMath(name) ?? throw new PromqlException(ErrorType.BadData, $"function \"{name}\" is not supported");
                    return MapVector(EvalVector(c.Args[0]), (v, _) => f(v));
                }
        }
    }

    private static Expr Unwrap(Expr e)
    {
        while (e is ParenExpr p)
        {
            e = p.Inner;
        }
        return e;
    }

    private List<Series> TimestampsOfSteps(List<Series> input)
    {
        foreach (var s in input)
        {
            for (var i = 0; i < s.Points.Count; i++)
            {
                s.Points[i] = s.Points[i] with { F = s.Points[i].T / 1000.0 };
            }
        }
        return input;
    }

    private static Func<double, double>? SimpleMath(string name) => name switch
    {
        "abs" => Math.Abs,
        "ceil" => Math.Ceiling,
        "floor" => Math.Floor,
        "exp" => Math.Exp,
        "sqrt" => Math.Sqrt,
        "ln" => Math.Log,
        "log2" => Math.Log2,
        "log10" => Math.Log10,
        "sgn" => v => double.IsNaN(v) ? v : v > 0 ? 1 : v < 0 ? -1 : v,
        "deg" => v => v * 180 / Math.PI,
        "rad" => v => v * Math.PI / 180,
        "sin" => Math.Sin,
        "cos" => Math.Cos,
        "tan" => Math.Tan,
        "asin" => Math.Asin,
        "acos" => Math.Acos,
        "atan" => Math.Atan,
        "sinh" => Math.Sinh,
        "cosh" => Math.Cosh,
        "tanh" => Math.Tanh,
        "asinh" => Math.Asinh,
        "acosh" => Math.Acosh,
        "atanh" => Math.Atanh,
        _ => null,
    };

    /// <summary>Maps every point; a null result drops the point. The result drops the metric name.</summary>
    private List<Series> MapVector(List<Series> input, Func<double, int, double?> map)
    {
        var output = new List<Series>(input.Count);
        foreach (var s in input)
        {
            var points = new List<FPoint>(s.Points.Count);
            foreach (var p in s.Points)
            {
                var v = map(p.F, StepIndex(p.T));
                if (v is { } value)
                {
                    points.Add(new FPoint(p.T, value));
                }
            }
            if (points.Count == 0)
            {
                continue;
            }
            var ns = new Series(s.Metric, points, s.DropName);
            DropNameOf(ns);
            output.Add(ns);
        }
        return output;
    }

    private List<Series> DateFunction(Call c)
    {
        Func<DateTime, double> f = c.Function.Name switch
        {
            "day_of_month" => d => d.Day,
            "day_of_week" => d => (int)d.DayOfWeek,
            "day_of_year" => d => d.DayOfYear,
            "days_in_month" => d => DateTime.DaysInMonth(d.Year, d.Month),
            "hour" => d => d.Hour,
            "minute" => d => d.Minute,
            "month" => d => d.Month,
            _ => d => d.Year,
        };
        double Apply(double seconds)
        {
            if (double.IsNaN(seconds) || double.IsInfinity(seconds))
            {
                return double.NaN;
            }
            try
            {
                return f(DateTimeOffset.FromUnixTimeSeconds((long)Math.Floor(seconds)).UtcDateTime);
            }
            catch (ArgumentOutOfRangeException)
            {
                return double.NaN;
            }
        }
        if (c.Args.Count == 0)
        {
            var points = new List<FPoint>(_steps);
            for (var i = 0; i < _steps; i++)
            {
                points.Add(new FPoint(StepTime(i), Apply(StepTime(i) / 1000.0)));
            }
            _ctx.AddSamples(points.Count);
            return [new Series(LabelSet.Empty, points)];
        }
        return MapVector(EvalVector(c.Args[0]), (v, _) => Apply(v));
    }

    private List<Series> Absent(Call c)
    {
        var perStep = ByStep(EvalVector(c.Args[0]));
        var labels = AbsentLabels(c.Args[0]);
        var points = new List<FPoint>();
        for (var i = 0; i < _steps; i++)
        {
            if (perStep[i].Count == 0)
            {
                points.Add(new FPoint(StepTime(i), 1));
            }
        }
        _ctx.AddSamples(points.Count);
        return points.Count == 0 ? [] : [new Series(labels, points)];
    }

    private List<Series> AbsentOverTime(Call c)
    {
        var data = (RangeData)Eval(c.Args[0]);
        var present = ApplyRange(data, (RangeWindow w, out double r) => { r = 1; return true; }, false, SampleKernel("present_over_time"));
        var perStep = ByStep(present);
        var labels = AbsentLabels(c.Args[0]);
        var points = new List<FPoint>();
        for (var i = 0; i < _steps; i++)
        {
            if (perStep[i].Count == 0)
            {
                points.Add(new FPoint(StepTime(i), 1));
            }
        }
        _ctx.AddSamples(points.Count);
        return points.Count == 0 ? [] : [new Series(labels, points)];
    }

    /// <summary>The labels absent() reports: the equality matchers of a plain selector argument,
    /// except the metric name and names matched more than once.</summary>
    private static LabelSet AbsentLabels(Expr arg)
    {
        arg = Unwrap(arg);
        VectorSelector? vs = arg switch
        {
            VectorSelector v => v,
            MatrixSelector m => m.Selector,
            _ => null,
        };
        if (vs is null)
        {
            return LabelSet.Empty;
        }
        var builder = new LabelSetBuilder();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var repeated = new HashSet<string>(StringComparer.Ordinal);
        foreach (var m in vs.Matchers)
        {
            if (!seen.Add(m.Name))
            {
                repeated.Add(m.Name);
            }
        }
        foreach (var m in vs.Matchers)
        {
            if (m.Type == Model.Labels.MatchType.Equal && m.Name != LabelNames.MetricName && !repeated.Contains(m.Name))
            {
                builder.Set(m.Name, m.Value);
            }
        }
        return builder.Build();
    }

    private List<Series> LabelReplace(Call c)
    {
        var dst = (string)Eval(c.Args[1]);
        var replacement = (string)Eval(c.Args[2]);
        var src = (string)Eval(c.Args[3]);
        var pattern = (string)Eval(c.Args[4]);
        System.Text.RegularExpressions.Regex regex;
        try
        {
            regex = Re2Regex.Compile(pattern);
        }
        catch (ArgumentException ex)
        {
            throw new PromqlException(ErrorType.Execution, $"invalid regular expression in label_replace(): {pattern}", ex);
        }
        if (!LabelNames.IsValidUtf8Name(dst))
        {
            throw new PromqlException(ErrorType.Execution, $"invalid destination label name in label_replace(): {dst}");
        }
        var input = EvalVector(c.Args[0]);
        var output = new List<Series>(input.Count);
        foreach (var s in input)
        {
            var value = s.Metric.Get(src);
            var match = regex.Match(value);
            if (match.Success)
            {
                var expanded = ExpandTemplate(replacement, match, regex);
                s.Metric = s.Metric.ToBuilder().Set(dst, expanded).Build();
                if (dst == LabelNames.MetricName)
                {
                    s.DropName = false;
                }
            }
            output.Add(s);
        }
        return MergeSameLabels(output);
    }

    private List<Series> LabelJoin(Call c)
    {
        var dst = (string)Eval(c.Args[1]);
        var sep = (string)Eval(c.Args[2]);
        var srcs = new List<string>();
        for (var i = 3; i < c.Args.Count; i++)
        {
            var l = (string)Eval(c.Args[i]);
            if (!LabelNames.IsValidUtf8Name(l))
            {
                throw new PromqlException(ErrorType.Execution, $"invalid source label name in label_join(): {l}");
            }
            srcs.Add(l);
        }
        if (!LabelNames.IsValidUtf8Name(dst))
        {
            throw new PromqlException(ErrorType.Execution, $"invalid destination label name in label_join(): {dst}");
        }
        var input = EvalVector(c.Args[0]);
        foreach (var s in input)
        {
            var joined = string.Join(sep, srcs.Select(s.Metric.Get));
            s.Metric = s.Metric.ToBuilder().Set(dst, joined).Build();
            if (dst == LabelNames.MetricName)
            {
                s.DropName = false;
            }
        }
        return MergeSameLabels(input);
    }

    /// <summary>Series whose labels became equal are merged; two points at one step are an error.</summary>
    private List<Series> MergeSameLabels(List<Series> input)
    {
        var byKey = new Dictionary<(LabelSet, bool), Series>();
        var output = new List<Series>(input.Count);
        foreach (var s in input)
        {
            if (!byKey.TryGetValue((s.Metric, s.DropName), out var existing))
            {
                byKey.Add((s.Metric, s.DropName), s);
                output.Add(s);
                continue;
            }
            var steps = new HashSet<long>(existing.Points.Select(p => p.T));
            foreach (var p in s.Points)
            {
                if (!steps.Add(p.T))
                {
                    throw new PromqlException(ErrorType.Execution, "vector cannot contain metrics with the same labelset");
                }
                existing.Points.Add(p);
            }
            existing.Points.Sort((a, b) => a.T.CompareTo(b.T));
        }
        return output;
    }

    /// <summary>Go regexp's Expand: <c>$1</c>, <c>${1}</c>, <c>$name</c>, <c>${name}</c>, <c>$$</c>. A
    /// bare name extends over letters, digits and underscores; unknown groups expand to "".</summary>
    internal static string ExpandTemplate(string template, System.Text.RegularExpressions.Match match, System.Text.RegularExpressions.Regex regex)
    {
        var sb = new StringBuilder();
        var i = 0;
        while (i < template.Length)
        {
            var ch = template[i];
            if (ch != '$' || i + 1 >= template.Length)
            {
                sb.Append(ch);
                i++;
                continue;
            }
            var next = template[i + 1];
            if (next == '$')
            {
                sb.Append('$');
                i += 2;
                continue;
            }
            string name;
            int end;
            if (next == '{')
            {
                var close = template.IndexOf('}', i + 2);
                if (close < 0 || close == i + 2 || !IsGroupName(template.AsSpan(i + 2, close - i - 2)))
                {
                    sb.Append(ch);
                    i++;
                    continue;
                }
                name = template[(i + 2)..close];
                end = close + 1;
            }
            else
            {
                var j = i + 1;
                while (j < template.Length && (char.IsAsciiLetterOrDigit(template[j]) || template[j] == '_'))
                {
                    j++;
                }
                if (j == i + 1)
                {
                    sb.Append(ch);
                    i++;
                    continue;
                }
                name = template[(i + 1)..j];
                end = j;
            }
            if (int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                if (index < match.Groups.Count && match.Groups[index].Success)
                {
                    sb.Append(match.Groups[index].Value);
                }
            }
            else if (regex.GroupNumberFromName(name) >= 0 && match.Groups[name].Success)
            {
                sb.Append(match.Groups[name].Value);
            }
            i = end;
        }
        return sb.ToString();
    }

    private static bool IsGroupName(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }
        return true;
    }

    private List<Series> Sort(Call c)
    {
        var input = EvalVector(c.Args[0]);
        var name = c.Function.Name;
        if (name is "sort" or "sort_desc")
        {
            var desc = name == "sort_desc";
            // sort and sort_desc order by float value; histogram samples have none and are left out.
            foreach (var s in input)
            {
                s.Histograms = null;
            }
            input.RemoveAll(static s => s.Points.Count == 0);
            // Only meaningful for instant queries; series order of a range result is by labels anyway.
            var indexed = input.Select((s, i) => (s, i)).ToList();
            indexed.Sort((x, y) =>
            {
                var a = x.s.Points.Count > 0 ? x.s.Points[^1].F : double.NaN;
                var b = y.s.Points.Count > 0 ? y.s.Points[^1].F : double.NaN;
                var an = double.IsNaN(a);
                var bn = double.IsNaN(b);
                int cmp;
                if (an || bn)
                {
                    cmp = an == bn ? 0 : an ? 1 : -1;
                }
                else
                {
                    cmp = desc ? b.CompareTo(a) : a.CompareTo(b);
                }
                return cmp != 0 ? cmp : x.i.CompareTo(y.i);
            });
            return [.. indexed.Select(p => p.s)];
        }
        var labels = new List<string>();
        for (var i = 1; i < c.Args.Count; i++)
        {
            labels.Add((string)Eval(c.Args[i]));
        }
        var descending = name == "sort_by_label_desc";
        var list = new List<Series>(input);
        list.Sort((x, y) =>
        {
            foreach (var l in labels)
            {
                var cmp = NaturalCompare(x.Metric.Get(l), y.Metric.Get(l));
                if (cmp != 0)
                {
                    return descending ? -cmp : cmp;
                }
            }
            var full = x.Metric.CompareTo(y.Metric);
            return descending ? -full : full;
        });
        return list;
    }

    /// <summary>Compares strings treating runs of digits as numbers ("a2" &lt; "a10").</summary>
    internal static int NaturalCompare(string a, string b)
    {
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            if (char.IsAsciiDigit(a[i]) && char.IsAsciiDigit(b[j]))
            {
                var si = i;
                var sj = j;
                while (i < a.Length && char.IsAsciiDigit(a[i]))
                {
                    i++;
                }
                while (j < b.Length && char.IsAsciiDigit(b[j]))
                {
                    j++;
                }
                var na = a[si..i].TrimStart('0');
                var nb = b[sj..j].TrimStart('0');
                if (na.Length != nb.Length)
                {
                    return na.Length.CompareTo(nb.Length);
                }
                var cmp = string.CompareOrdinal(na, nb);
                if (cmp != 0)
                {
                    return cmp;
                }
                continue;
            }
            if (a[i] != b[j])
            {
                return a[i].CompareTo(b[j]);
            }
            i++;
            j++;
        }
        return (a.Length - i).CompareTo(b.Length - j);
    }
}
