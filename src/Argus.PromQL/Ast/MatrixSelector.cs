namespace Argus.PromQL.Ast;

/// <summary>A range vector selector: <c>x[5m]</c>. Modifiers live on the inner selector.</summary>
public sealed class MatrixSelector(VectorSelector selector, long rangeMs) : Expr
{
    public VectorSelector Selector { get; } = selector;

    /// <summary>The range in ms; for a duration expression depending on the query (step(), range()) it
    /// is filled in by the engine before evaluation.</summary>
    public long RangeMs { get; internal set; } = rangeMs;

    /// <summary>The duration expression written instead of a literal range, e.g. <c>[5m+1m]</c>, or null.</summary>
    public Expr? RangeExpr { get; init; }

    /// <summary>The experimental <c>anchored</c> modifier: each window also takes the last sample at or
    /// before its start (within the lookback delta), so increases are exact instead of extrapolated.</summary>
    public bool Anchored { get; set; }

    public override PromValueType Type => PromValueType.Matrix;

    public override IEnumerable<Expr> Children => [Selector];
}
