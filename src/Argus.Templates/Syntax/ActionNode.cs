namespace Argus.Templates.Syntax;

/// <summary>A non-control action such as <c>{{ .Field | printf "%s" }}</c>.</summary>
public sealed class ActionNode(int pos, int line, PipeNode pipe) : Node(pos, line)
{
    public PipeNode Pipe { get; } = pipe;

    public override string ToString() => "{{" + Pipe + "}}";
}
