namespace Argus.PromQL.Ast;

/// <summary>Unary minus or plus.</summary>
public sealed class UnaryExpr(bool negate, Expr operand) : Expr
{
    public bool Negate { get; } = negate;

    public Expr Operand { get; } = operand;

    public override PromValueType Type => Operand.Type;

    public override IEnumerable<Expr> Children => [Operand];
}
