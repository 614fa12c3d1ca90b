using Argus.Model.Labels;
using Argus.PromQL.Ast;

namespace Argus.PromQL.Engine;

/// <summary>
/// The experimental fill modifiers of one-to-one vector matching (promql-binop-fill-modifiers):
/// a series without a partner on the other side is paired with the fill value instead of being dropped.
/// A filled right side keeps the left series' labels, exactly as a real match would; a filled left
/// side has no series to take labels from, so the result carries only the matching labels.
/// </summary>
internal sealed partial class Evaluator
{
    private void FillUnmatched(BinaryExpr b, VectorMatching matching, List<StepSample> lhs, List<StepSample> rhs,
        Dictionary<ulong, StepSample> rightBySignature, long t, SeriesCollector collector)
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
                // The one filled right series would match both, as a real one would.
                if (!filled.Add(sig))
                {
                    throw new PromqlException(ErrorType.Execution,
                        "multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)");
                }
                var metric = ResultMetric(l.Metric, l.Metric, b, matching);
                var dropName = l.DropName;
                if (DropsName(b.Op) || b.ReturnBool)
                {
                    DropResultName(ref metric, ref dropName);
                }
                AddFilled(b, metric, dropName, l.F, fillRight, t, collector);
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
                    AddFilled(b, MatchGroupLabels(r.Metric, matching), false, fillLeft, r.F, t, collector);
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
