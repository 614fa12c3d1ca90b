namespace Argus.Templates.Formatting;

/// <summary>The flags, width and precision of one printf directive.</summary>
internal struct FormatSpec
{
    public bool Minus;
    public bool Plus;
    public bool Sharp;
    public bool Space;
    public bool Zero;
    public int Width;
    public int Precision;

    public static FormatSpec Default => new() { Width = -1, Precision = -1 };
}
