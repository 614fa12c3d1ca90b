using Argus.Model.Histograms;
using Argus.Model.Labels;
using Argus.PromQL.Ast;

namespace Argus.PromQL.Engine;

/// <summary>Binary operators: scalar/scalar, vector/scalar and vector/vector with matching.</summary>
internal sealed partial class Evaluator
{
    private object EvalBinary(BinaryExpr b)
    {
        var left = Eval(b.Left);
        var right = Eval(b.Right);
        if (left is double[] ls && right is double[] rs)
        {
            for (var i = 0; i < ls.Length; i++)
            {
                var (v, keep) = ApplyOp(b.Op, ls[i], rs[i]);
                ls[i] = BinaryOps.IsComparison(b.Op) ? (keep ? 1 : 0) : v;
            }
            return ls;
        }
        if (left is List<Series> lv && right is double[] rsc)
        {
            return VectorScalar(b, lv, rsc, swap: false);
        }
        if (left is double[] lsc && right is List<Series> rv)
        {
            return VectorScalar(b, rv, lsc, swap: true);
        }
        return VectorVector(b, (List<Series>)left, (List<Series>)right);
    }

    /// <summary>Applies an arithmetic or comparison operator. For comparisons the value is the left
    /// operand and <c>keep</c> says whether the comparison holds.</summary>
    internal static (double Value, bool Keep) ApplyOp(BinaryOp op, double l, double r) => op switch
    {
        BinaryOp.Add => (l + r, true),
        BinaryOp.Sub => (l - r, true),
        BinaryOp.Mul => (l * r, true),
        BinaryOp.Div => (l / r, true),
        BinaryOp.Mod => (GoMod(l, r), true),
        BinaryOp.Pow => (Math.Pow(l, r), true),
        BinaryOp.Atan2 => (Math.Atan2(l, r), true),
        BinaryOp.Eql => (l, l == r),
        BinaryOp.Neq => (l, l != r),
        BinaryOp.Gtr => (l, l > r),
        BinaryOp.Lss => (l, l < r),
        BinaryOp.Gte => (l, l >= r),
        BinaryOp.Lte => (l, l <= r),
        _ => throw new PromqlException(ErrorType.Execution, $"operator \"{BinaryOps.Text(op)}\" not allowed for this operand types"),
    };

    /// <summary>Go's math.Mod: result has the sign of the dividend; NaN for zero divisor or infinite dividend.</summary>
    internal static double GoMod(double x, double y)
    {
        if (y == 0 || double.IsInfinity(x) || double.IsNaN(x) || double.IsNaN(y))
        {
            return double.NaN;
        }
        return x % y;
    }

    private static bool DropsName(BinaryOp op) => !BinaryOps.IsComparison(op) && !BinaryOps.IsSetOperator(op) && !BinaryOps.IsTrim(op);

    private List<Series> VectorScalar(BinaryExpr b, List<Series> vector, double[] scalar, bool swap)
    {
        var comparison = BinaryOps.IsComparison(b.Op);
        var output = new List<Series>(vector.Count);
        foreach (var s in vector)
        {
            var kept = new List<FPoint>(s.Points.Count);
            foreach (var p in s.Points)
            {
                var sv = scalar[StepIndex(p.T)];
                var (l, r) = swap ? (sv, p.F) : (p.F, sv);
                var (value, keep) = ApplyOp(b.Op, l, r);
                if (comparison)
                {
                    value = p.F;
                }
                if (b.ReturnBool)
                {
                    value = keep ? 1 : 0;
                    keep = true;
                }
                if (keep)
                {
                    kept.Add(new FPoint(p.T, value));
                }
            }
            var keptHistograms = s.Histograms is { Count: > 0 } ? HistogramsWithScalar(b, s.Histograms, scalar, swap, kept) : null;
            if (kept.Count == 0 && keptHistograms is null)
            {
                continue;
            }
            var ns = new Series(s.Metric, kept, s.DropName) { Histograms = keptHistograms };
            if (kept.Count > 1 && keptHistograms is not null)
            {
                kept.Sort(static (x, y) => x.T.CompareTo(y.T));
            }
            if (DropsName(b.Op) || b.ReturnBool)
            {
                DropNameOf(ns);
            }
            output.Add(ns);
        }
        return output;
    }

    /// <summary>The histogram points of one series combined with a scalar; results that are floats
    /// (a bool comparison) go to <paramref name="floats"/>. Null when no histogram is kept.</summary>
    private List<HPoint>? HistogramsWithScalar(BinaryExpr b, List<HPoint> histograms, double[] scalar, bool swap, List<FPoint> floats)
    {
        List<HPoint>? kept = null;
        foreach (var p in histograms)
        {
            var sv = scalar[StepIndex(p.T)];
            var ok = swap
                ? TryHistogramBinop(b.Op, sv, null, 0, p.H, b.ReturnBool, out var f, out var h, out var keep)
                : TryHistogramBinop(b.Op, 0, p.H, sv, null, b.ReturnBool, out f, out h, out keep);
            if (!ok || !keep)
            {
                continue;
            }
            if (h is null)
            {
                floats.Add(new FPoint(p.T, f));
            }
            else
            {
                (kept ??= []).Add(new HPoint(p.T, h));
            }
        }
        return kept;
    }

    private List<Series> VectorVector(BinaryExpr b, List<Series> left, List<Series> right)
    {
        var matching = b.Matching ?? new VectorMatching();
        var lhs = ByStep(left);
        var rhs = ByStep(right);
        var collector = new SeriesCollector(_ctx);
        for (var i = 0; i < _steps; i++)
        {
            if ((i & 255) == 0)
            {
                _ctx.CheckCancelled();
            }
            var t = StepTime(i);
            switch (b.Op)
            {
                case BinaryOp.And:
                    {
                        var sigs = new HashSet<ulong>();
                        foreach (var r in rhs[i])
                        {
                            sigs.Add(Signature(r.Metric, matching));
                        }
                        foreach (var l in lhs[i])
                        {
                            if (sigs.Contains(Signature(l.Metric, matching)))
                            {
                                collector.Add(l.Metric, l.DropName, t, l.F, l.H);
                            }
                        }
                        break;
                    }
                case BinaryOp.Or:
                    {
                        var sigs = new HashSet<ulong>();
                        foreach (var l in lhs[i])
                        {
                            sigs.Add(Signature(l.Metric, matching));
                            collector.Add(l.Metric, l.DropName, t, l.F, l.H);
                        }
                        foreach (var r in rhs[i])
                        {
                            if (!sigs.Contains(Signature(r.Metric, matching)))
                            {
                                collector.Add(r.Metric, r.DropName, t, r.F, r.H);
                            }
                        }
                        break;
                    }
                case BinaryOp.Unless:
                    {
                        var sigs = new HashSet<ulong>();
                        foreach (var r in rhs[i])
                        {
                            sigs.Add(Signature(r.Metric, matching));
                        }
                        foreach (var l in lhs[i])
                        {
                            if (!sigs.Contains(Signature(l.Metric, matching)))
                            {
                                collector.Add(l.Metric, l.DropName, t, l.F, l.H);
                            }
                        }
                        break;
                    }
                default:
                    MatchedBinop(b, matching, lhs[i], rhs[i], t, collector);
                    break;
            }
        }
        return collector.Result;
    }

    private void MatchedBinop(BinaryExpr b, VectorMatching matching, List<StepSample> lhs, List<StepSample> rhs, long t, SeriesCollector collector)
    {
        if ((lhs.Count == 0 || rhs.Count == 0) && !matching.HasFill)
        {
            return;
        }
        var swapped = matching.Cardinality == MatchCardinality.OneToMany;
        if (swapped)
        {
            (lhs, rhs) = (rhs, lhs);
        }
        // The "one" side must have unique signatures.
        var oneSide = new Dictionary<ulong, StepSample>(rhs.Count);
        foreach (var r in rhs)
        {
            var sig = Signature(r.Metric, matching);
            if (!oneSide.TryAdd(sig, r))
            {
                var side = swapped ? "left" : "right";
                throw new PromqlException(ErrorType.Execution,
                    $"found duplicate series for the match group {MatchGroup(r.Metric, matching)} on the {side} hand-side of the operation: [{oneSide[sig].Metric}, {r.Metric}];many-to-many matching not allowed: matching labels must be unique on one side");
            }
        }
        var matchedOnce = matching.Cardinality == MatchCardinality.OneToOne ? new Dictionary<ulong, LabelSet>() : null;
        var produced = new HashSet<LabelSet>();
        var comparison = BinaryOps.IsComparison(b.Op);
        foreach (var l in lhs)
        {
            var sig = Signature(l.Metric, matching);
            if (!oneSide.TryGetValue(sig, out var r))
            {
                continue;
            }
            var (fl, fr) = swapped ? (r.F, l.F) : (l.F, r.F);
            double value;
            bool keep;
            FloatHistogram? histogram = null;
            if (l.H is null && r.H is null)
            {
                (value, keep) = ApplyOp(b.Op, fl, fr);
                if (b.ReturnBool)
                {
                    value = keep ? 1 : 0;
                    keep = true;
                }
            }
            else
            {
                var (hl, hr) = swapped ? (r.H, l.H) : (l.H, r.H);
                if (!TryHistogramBinop(b.Op, fl, hl, fr, hr, b.ReturnBool, out value, out histogram, out keep))
                {
                    continue;
                }
            }
            // Checked before filtering so that a comparison hiding all but one match still fails.
            if (matchedOnce is not null)
            {
                if (matchedOnce.ContainsKey(sig))
                {
                    throw new PromqlException(ErrorType.Execution,
                        $"multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)");
                }
                matchedOnce[sig] = l.Metric;
            }
            if (!keep)
            {
                continue;
            }
            var dropName = l.DropName;
            var metric = ResultMetric(l.Metric, r.Metric, b, matching);
            if (DropsName(b.Op) || b.ReturnBool)
            {
                DropResultName(ref metric, ref dropName);
            }
            else if (comparison && swapped)
            {
                dropName = r.DropName;
            }
            if (!produced.Add(metric) && matching.Cardinality != MatchCardinality.OneToOne)
            {
                throw new PromqlException(ErrorType.Execution, "multiple matches for labels: grouping labels must ensure unique matches");
            }
            collector.Add(metric, dropName, t, value, histogram);
        }
        if (matching.HasFill)
        {
            FillUnmatched(b, matching, swapped, lhs, rhs, oneSide, produced, t, collector);
        }
    }

    /// <summary>Marks the name for delayed removal, or removes it now when that is switched off.</summary>
    private void DropResultName(ref LabelSet metric, ref bool dropName)
    {
        if (_ctx.Options.EnableDelayedNameRemoval)
        {
            dropName = true;
        }
        else
        {
            metric = WithoutName(metric);
        }
    }

    private static LabelSet ResultMetric(LabelSet lhs, LabelSet rhs, BinaryExpr b, VectorMatching matching)
    {
        if (matching.Cardinality == MatchCardinality.OneToOne)
        {
            if (matching.On)
            {
                var builder = new LabelSetBuilder();
                foreach (var name in matching.MatchingLabels)
                {
                    builder.Set(name, lhs.Get(name));
                }
                return builder.Build();
            }
            if (matching.MatchingLabels.Count > 0)
            {
                var builder = lhs.ToBuilder();
                foreach (var name in matching.MatchingLabels)
                {
                    builder.Delete(name);
                }
                return builder.Build();
            }
            return lhs;
        }
        if (matching.Include.Count == 0)
        {
            return lhs;
        }
        var inc = lhs.ToBuilder();
        foreach (var name in matching.Include)
        {
            inc.Set(name, rhs.Get(name));
        }
        return inc.Build();
    }

    private static string MatchGroup(LabelSet metric, VectorMatching matching) => MatchGroupLabels(metric, matching).ToString();

    /// <summary>The labels that take part in matching: the <c>on</c> labels, or all but the
    /// <c>ignoring</c> labels and the metric name.</summary>
    private static LabelSet MatchGroupLabels(LabelSet metric, VectorMatching matching)
    {
        var builder = new LabelSetBuilder();
        foreach (var l in metric)
        {
            var inList = matching.MatchingLabels.Contains(l.Name);
            if (matching.On ? inList : (!inList && l.Name != LabelNames.MetricName))
            {
                builder.Set(l.Name, l.Value);
            }
        }
        return builder.Build();
    }

    /// <summary>Hash of the labels that take part in matching: the <c>on</c> labels, or all but the
    /// <c>ignoring</c> labels and the metric name.</summary>
    internal static ulong Signature(LabelSet metric, VectorMatching matching)
    {
        const ulong prime = 1099511628211UL;
        var hash = 14695981039346656037UL;
        foreach (var l in metric.AsSpan())
        {
            var inList = false;
            foreach (var m in matching.MatchingLabels)
            {
                if (m == l.Name)
                {
                    inList = true;
                    break;
                }
            }
            var include = matching.On ? inList : !inList && l.Name != LabelNames.MetricName;
            if (!include)
            {
                continue;
            }
            foreach (var c in l.Name)
            {
                hash = (hash ^ c) * prime;
            }
            hash = (hash ^ 0xff) * prime;
            foreach (var c in l.Value)
            {
                hash = (hash ^ c) * prime;
            }
            hash = (hash ^ 0xfe) * prime;
        }
        return hash;
    }
}
