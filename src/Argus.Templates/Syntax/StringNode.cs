namespace Argus.Templates.Syntax;

/// <summary>A string constant; <see cref="Quoted"/> is the source form, <see cref="Text"/> the value.</summary>
public sealed class StringNode(int pos, int line, string quoted, string text) : Node(pos, line)
{
    public string Quoted { get; } = quoted;

    public string Text { get; } = text;

    public override string ToString() => Quoted;
}
