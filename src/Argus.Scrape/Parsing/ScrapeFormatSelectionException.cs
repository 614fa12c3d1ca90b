namespace Argus.Scrape.Parsing;

/// <summary>No exposition parser fits the response's Content-Type; the scrape fails with this message.</summary>
public sealed class ScrapeFormatSelectionException : Exception
{
    public ScrapeFormatSelectionException()
    {
    }

    public ScrapeFormatSelectionException(string message)
        : base(message)
    {
    }

    public ScrapeFormatSelectionException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
