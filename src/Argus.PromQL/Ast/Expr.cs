namespace Argus.PromQL.Ast;

/// <summary>
/// A node of a parsed PromQL expression. Nodes are immutable after parsing except for the
/// <c>@</c> fields that the engine's preprocessing (and the test runner) may set on copies.
/// <see cref="ToString"/> prints canonical PromQL that parses back to an equal tree.
/// </summary>
public abstract class Expr
{
    /// <summary>Offset of the node's first character in the query text.</summary>
    public int Position { get; init; }

    public abstract PromValueType Type { get; }

    /// <summary>The direct children, in evaluation order.</summary>
    public abstract IEnumerable<Expr> Children { get; }

    public override string ToString() => AstPrinter.Print(this);
}
