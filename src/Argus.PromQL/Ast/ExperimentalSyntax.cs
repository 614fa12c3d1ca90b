namespace Argus.PromQL.Ast;

/// <summary>Finds the experimental syntax an expression uses, so that the engine and the rule-file
/// checker can refuse it unless the matching feature is switched on (as Prometheus does with
/// <c>--enable-feature=promql-binop-fill-modifiers</c> and <c>promql-extended-range-selectors</c>).</summary>
public static class ExperimentalSyntax
{
    public static ExperimentalSyntaxKinds Used(Expr expr)
    {
        ArgumentNullException.ThrowIfNull(expr);
        var used = expr switch
        {
            BinaryExpr { Matching.HasFill: true } => ExperimentalSyntaxKinds.FillModifiers,
            MatrixSelector { Anchored: true } => ExperimentalSyntaxKinds.AnchoredRanges,
            _ => ExperimentalSyntaxKinds.None,
        };
        foreach (var child in expr.Children)
        {
            used |= Used(child);
        }
        return used;
    }

    /// <summary>A sentence naming the syntax and the feature that enables it, for error messages.</summary>
    public static string Describe(ExperimentalSyntaxKinds kinds)
    {
        var parts = new List<string>(2);
        if (kinds.HasFlag(ExperimentalSyntaxKinds.FillModifiers))
        {
            parts.Add("fill modifiers need the experimental feature promql-binop-fill-modifiers");
        }
        if (kinds.HasFlag(ExperimentalSyntaxKinds.AnchoredRanges))
        {
            parts.Add("the anchored range modifier needs the experimental feature promql-extended-range-selectors");
        }
        return string.Join("; ", parts);
    }
}
