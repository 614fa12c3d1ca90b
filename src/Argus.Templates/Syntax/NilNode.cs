namespace Argus.Templates.Syntax;

/// <summary>The untyped constant <c>nil</c>.</summary>
public sealed class NilNode(int pos, int line) : Node(pos, line)
{
    public override string ToString() => "nil";
}
