namespace Argus.Scrape.Parsing;

/// <summary>
/// A scraped body is malformed. The whole scrape fails and nothing from it is stored, as in Prometheus.
/// The message reads <c>line N: cause</c>.
/// </summary>
public sealed class ExpositionFormatException : FormatException
{
    public ExpositionFormatException()
    {
    }

    public ExpositionFormatException(string message)
        : base(message)
    {
    }

    public ExpositionFormatException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public ExpositionFormatException(int line, string cause)
        : base($"line {line}: {cause}")
    {
        Line = line;
        Cause = cause;
    }

    /// <summary>1-based line of the error.</summary>
    public int Line { get; }

    /// <summary>What is wrong, without the line prefix.</summary>
    public string Cause { get; } = string.Empty;
}
