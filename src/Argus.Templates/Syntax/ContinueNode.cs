namespace Argus.Templates.Syntax;

/// <summary>A <c>{{continue}}</c> inside a range.</summary>
public sealed class ContinueNode(int pos, int line) : Node(pos, line)
{
    public override string ToString() => "{{continue}}";
}
