namespace Argus.PromQL.Ast;

/// <summary>A subquery: <c>expr[range:step]</c> with optional modifiers. Step 0 means the engine default.</summary>
public sealed class SubqueryExpr(Expr inner, long rangeMs, long stepMs) : Expr
{
    public Expr Inner { get; } = inner;

    public long RangeMs { get; internal set; } = rangeMs;

    public long StepMs { get; internal set; } = stepMs;

    /// <summary>Duration expressions written instead of literals (experimental syntax), or null.</summary>
    public Expr? RangeExpr { get; init; }

    public Expr? StepExpr { get; init; }

    public TimeModifiers Modifiers { get; set; }

    public override PromValueType Type => PromValueType.Matrix;

    public override IEnumerable<Expr> Children => [Inner];
}
