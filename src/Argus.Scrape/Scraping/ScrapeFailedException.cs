namespace Argus.Scrape.Scraping;

/// <summary>A scrape failed (HTTP error, timeout, limit exceeded, malformed body); the message is the target's last error.</summary>
public sealed class ScrapeFailedException : Exception
{
    public ScrapeFailedException()
    {
    }

    public ScrapeFailedException(string message)
        : base(message)
    {
    }

    public ScrapeFailedException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
