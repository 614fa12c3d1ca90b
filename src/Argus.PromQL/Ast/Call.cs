namespace Argus.PromQL.Ast;

/// <summary>A function call such as <c>rate(x[5m])</c>.</summary>
public sealed class Call(FunctionInfo function, IReadOnlyList<Expr> args) : Expr
{
    public FunctionInfo Function { get; } = function;

    public IReadOnlyList<Expr> Args { get; } = args;

    public override PromValueType Type => Function.ReturnType;

    public override IEnumerable<Expr> Children => Args;
}
