namespace Argus.Templates.Syntax;

/// <summary>
/// A number constant in Go syntax. Like Go's untyped constants it evaluates to an integer unless its
/// text has a fraction or exponent (or it does not fit an integer), in which case it is a float.
/// </summary>
public sealed class NumberNode(int pos, int line, string text, bool isInt, long intValue, double floatValue) : Node(pos, line)
{
    public string Text { get; } = text;

    /// <summary>True when the constant evaluates to a Go <c>int</c>; otherwise to a <c>float64</c>.</summary>
    public bool IsInt { get; } = isInt;

    public long IntValue { get; } = intValue;

    public double FloatValue { get; } = floatValue;

    public override string ToString() => Text;
}
