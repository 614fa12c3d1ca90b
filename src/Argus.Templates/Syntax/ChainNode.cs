namespace Argus.Templates.Syntax;

/// <summary>Field access on a term that is not dot or a variable: <c>(pipeline).Field</c>.</summary>
public sealed class ChainNode(int pos, int line, Node node) : Node(pos, line)
{
    public Node Node { get; } = node;

    public List<string> Fields { get; } = [];

    public override string ToString() =>
        (Node is PipeNode ? "(" + Node + ")" : Node.ToString()) + "." + string.Join(".", Fields);
}
