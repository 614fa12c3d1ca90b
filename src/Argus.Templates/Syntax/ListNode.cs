namespace Argus.Templates.Syntax;

/// <summary>A sequence of nodes.</summary>
public sealed class ListNode(int pos, int line) : Node(pos, line)
{
    public List<Node> Nodes { get; } = [];

    public override string ToString() => string.Concat(Nodes);
}
