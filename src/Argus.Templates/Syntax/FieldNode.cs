namespace Argus.Templates.Syntax;

/// <summary>A field chain on dot, such as <c>.Labels.SortedPairs</c>.</summary>
public sealed class FieldNode(int pos, int line, string[] ident) : Node(pos, line)
{
    public string[] Ident { get; } = ident;

    public override string ToString() => "." + string.Join(".", Ident);
}
