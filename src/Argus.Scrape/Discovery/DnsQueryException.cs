namespace Argus.Scrape.Discovery;

/// <summary>A DNS lookup failed (timeout, server failure, malformed answer); the message names the query and cause.</summary>
public sealed class DnsQueryException : Exception
{
    public DnsQueryException()
    {
    }

    public DnsQueryException(string message)
        : base(message)
    {
    }

    public DnsQueryException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
