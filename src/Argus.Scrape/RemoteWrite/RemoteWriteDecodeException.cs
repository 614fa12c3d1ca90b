namespace Argus.Scrape.RemoteWrite;

/// <summary>A remote-write body is not a valid protobuf WriteRequest; the message says where and why.</summary>
public sealed class RemoteWriteDecodeException : Exception
{
    public RemoteWriteDecodeException()
    {
    }

    public RemoteWriteDecodeException(string message)
        : base(message)
    {
    }

    public RemoteWriteDecodeException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
