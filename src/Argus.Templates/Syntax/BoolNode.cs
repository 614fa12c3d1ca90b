namespace Argus.Templates.Syntax;

/// <summary>A boolean constant.</summary>
public sealed class BoolNode(int pos, int line, bool value) : Node(pos, line)
{
    public bool Value { get; } = value;

    public override string ToString() => Value ? "true" : "false";
}
