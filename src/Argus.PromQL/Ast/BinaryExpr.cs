namespace Argus.PromQL.Ast;

public sealed class BinaryExpr(BinaryOp op, Expr left, Expr right, bool returnBool, VectorMatching? matching) : Expr
{
    public BinaryOp Op { get; } = op;

    public Expr Left { get; } = left;

    public Expr Right { get; } = right;

    /// <summary>The <c>bool</c> modifier of a comparison.</summary>
    public bool ReturnBool { get; } = returnBool;

    /// <summary>Set when both sides are instant vectors.</summary>
    public VectorMatching? Matching { get; } = matching;

    public override PromValueType Type =>
        Left.Type == PromValueType.Scalar && Right.Type == PromValueType.Scalar ? PromValueType.Scalar : PromValueType.Vector;

    public override IEnumerable<Expr> Children => [Left, Right];
}
