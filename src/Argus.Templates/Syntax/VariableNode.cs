namespace Argus.Templates.Syntax;

/// <summary>A variable with an optional field chain: <c>$x</c> or <c>$labels.instance</c>.</summary>
public sealed class VariableNode(int pos, int line, string[] ident) : Node(pos, line)
{
    /// <summary>The variable name (with its <c>$</c>) followed by the field names.</summary>
    public string[] Ident { get; } = ident;

    public override string ToString() => string.Join(".", Ident);
}
