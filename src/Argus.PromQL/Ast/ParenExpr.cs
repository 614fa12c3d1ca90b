namespace Argus.PromQL.Ast;

public sealed class ParenExpr(Expr inner) : Expr
{
    public Expr Inner { get; } = inner;

    public override PromValueType Type => Inner.Type;

    public override IEnumerable<Expr> Children => [Inner];
}
