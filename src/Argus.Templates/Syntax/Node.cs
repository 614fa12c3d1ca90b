namespace Argus.Templates.Syntax;

/// <summary>
/// A node of a parsed template tree. Trees are immutable after parsing and shared by all concurrent
/// executions. <see cref="object.ToString"/> gives Go's source form, used in error contexts.
/// </summary>
public abstract class Node
{
    protected Node(int pos, int line)
    {
        Pos = pos;
        Line = line;
    }

    /// <summary>Byte offset of the node in the template source.</summary>
    public int Pos { get; }

    /// <summary>1-based line of the node in the template source.</summary>
    public int Line { get; }
}
