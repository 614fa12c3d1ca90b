namespace Argus.PromQL.Ast;

/// <summary>A range vector selector: <c>x[5m]</c>. Modifiers live on the inner selector.</summary>
public sealed class MatrixSelector(VectorSelector selector, long rangeMs) : Expr
{
    public VectorSelector Selector { get; } = selector;

    public long RangeMs { get; } = rangeMs;

    public override PromValueType Type => PromValueType.Matrix;

    public override IEnumerable<Expr> Children => [Selector];
}
