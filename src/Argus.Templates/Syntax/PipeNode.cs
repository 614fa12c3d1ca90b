namespace Argus.Templates.Syntax;

/// <summary>A pipeline with optional variable declarations or assignment.</summary>
public sealed class PipeNode(int pos, int line) : Node(pos, line)
{
    /// <summary>True for <c>$x = …</c> (assignment), false for <c>$x := …</c> (declaration).</summary>
    public bool IsAssign { get; set; }

    public List<VariableNode> Declarations { get; } = [];

    public List<CommandNode> Commands { get; } = [];

    public override string ToString()
    {
        var prefix = Declarations.Count == 0
            ? string.Empty
            : string.Join(", ", Declarations) + (IsAssign ? " = " : " := ");
        return prefix + string.Join(" | ", Commands);
    }
}
