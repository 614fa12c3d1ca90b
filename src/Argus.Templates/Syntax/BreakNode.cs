namespace Argus.Templates.Syntax;

/// <summary>A <c>{{break}}</c> inside a range.</summary>
public sealed class BreakNode(int pos, int line) : Node(pos, line)
{
    public override string ToString() => "{{break}}";
}
