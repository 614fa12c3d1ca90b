namespace Argus.PromQL.Ast;

public sealed class NumberLiteral(double value) : Expr
{
    public double Value { get; } = value;

    public override PromValueType Type => PromValueType.Scalar;

    public override IEnumerable<Expr> Children => [];
}
