using System.Globalization;

namespace Argus.Scrape.Http;

/// <summary>A pushed body exceeds the receiver's size limit.</summary>
public sealed class BodyTooLargeException : Exception
{
    public BodyTooLargeException()
    {
    }

    public BodyTooLargeException(string message)
        : base(message)
    {
    }

    public BodyTooLargeException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public BodyTooLargeException(int limit)
        : base($"request body is larger than the limit of {limit.ToString(CultureInfo.InvariantCulture)} bytes")
    {
    }
}
