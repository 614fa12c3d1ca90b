namespace Argus.Templates.Syntax;

/// <summary>Literal text between actions.</summary>
public sealed class TextNode(int pos, int line, string text) : Node(pos, line)
{
    public string Text { get; } = text;

    public override string ToString() => Text;
}
