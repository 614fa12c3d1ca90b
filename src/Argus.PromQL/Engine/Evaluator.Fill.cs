using Argus.Model.Labels;
using Argus.PromQL.Ast;

namespace Argus.PromQL.Engine;

/// <summary>
/// The experimental fill modifiers of vector matching (promql-binop-fill-modifiers): a series
/// without a partner on the other side is paired with the fill value instead of being dropped.
/// A filled "one" side keeps the "many" series' labels, as a real match would (labels that
/// group_left/group_right would copy from the missing series stay absent); a filled "many" side has
/// no series to take labels from, so the result carries only the matching labels.
/// </summary>
/// <remarks>With group_right the sides are swapped before matching, and — as in Prometheus'
/// fill-modifier tests — the fill values are not: <c>fill_right</c> stands in for a missing "one"
/// side and <c>fill_left</c> for a missing "many" side whichever way the operator is written.</remarks>
internal sealed partial class Evaluator
{
    private void FillUnmatched(BinaryExpr b, VectorMatching matching, bool swapped, List<StepSample> lhs, List<StepSample> rhs,
        Dictionary<ulong, StepSample> rightBySignature, HashSet<LabelSet> produced, long t, SeriesCollector collector)
    {
        if (matching.FillRight is { } fillRight)
        {
            var filled = new HashSet<ulong>();
            foreach (var l in lhs)
            {
                var sig = Signature(l.Metric, matching);
                if (rightBySignature.ContainsKey(sig))
                {
                    continue;
                }
                // In one-to-one matching the one filled series would match both, as a real one would.
                if (!filled.Add(sig) && matching.Cardinality == MatchCardinality.OneToOne)
                {
                    throw new PromqlException(ErrorType.Execution,
                        "multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)");
                }
                var metric = ResultMetric(l.Metric, LabelSet.Empty, b, matching);
                var dropName = l.DropName;
                if (DropsName(b.Op) || b.ReturnBool)
                {
                    DropResultName(ref metric, ref dropName);
                }
                if (matching.Cardinality != MatchCardinality.OneToOne && !produced.Add(metric))
                {
                    throw new PromqlException(ErrorType.Execution, "multiple matches for labels: grouping labels must ensure unique matches");
                }
                var (fl, fr) = swapped ? (fillRight, l.F) : (l.F, fillRight);
                AddFilled(b, metric, dropName, fl, fr, t, collector);
            }
        }
        if (matching.FillLeft is { } fillLeft)
        {
            var leftSignatures = new HashSet<ulong>(lhs.Count);
            foreach (var l in lhs)
            {
                leftSignatures.Add(Signature(l.Metric, matching));
            }
            foreach (var r in rhs)
            {
                if (!leftSignatures.Contains(Signature(r.Metric, matching)))
                {
                    var (fl, fr) = swapped ? (r.F, fillLeft) : (fillLeft, r.F);
                    AddFilled(b, MatchGroupLabels(r.Metric, matching), false, fl, fr, t, collector);
                }
            }
        }
    }

    /// <summary>Applies the operator to one filled pair; comparisons keep the left value (filled or
    /// not) when they hold, or give 0/1 with <c>bool</c>.</summary>
    private static void AddFilled(BinaryExpr b, LabelSet metric, bool dropName, double left, double right, long t, SeriesCollector collector)
    {
        var (value, keep) = ApplyOp(b.Op, left, right);
        if (b.ReturnBool)
        {
            value = keep ? 1 : 0;
            keep = true;
        }
        if (keep)
        {
            collector.Add(metric, dropName, t, value);
        }
    }
}
