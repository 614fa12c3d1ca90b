namespace Argus.Templates.Syntax;

/// <summary>One command of a pipeline: an operand followed by its arguments.</summary>
public sealed class CommandNode(int pos, int line) : Node(pos, line)
{
    public List<Node> Args { get; } = [];

    public override string ToString() =>
        string.Join(" ", Args.Select(a => a is PipeNode ? "(" + a + ")" : a.ToString()));
}
