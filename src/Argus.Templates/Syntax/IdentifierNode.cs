namespace Argus.Templates.Syntax;

/// <summary>A function name.</summary>
public sealed class IdentifierNode(int pos, int line, string name) : Node(pos, line)
{
    public string Name { get; } = name;

    public override string ToString() => Name;
}
