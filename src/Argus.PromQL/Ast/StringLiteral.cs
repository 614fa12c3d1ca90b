namespace Argus.PromQL.Ast;

public sealed class StringLiteral(string value) : Expr
{
    public string Value { get; } = value;

    public override PromValueType Type => PromValueType.String;

    public override IEnumerable<Expr> Children => [];
}
