namespace Argus.Templates.Syntax;

/// <summary>The cursor <c>.</c>.</summary>
public sealed class DotNode(int pos, int line) : Node(pos, line)
{
    public override string ToString() => ".";
}
