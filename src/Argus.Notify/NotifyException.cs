namespace Argus.Notify;

/// <summary>An integration could not deliver a notification.</summary>
public sealed class NotifyException : Exception
{
    public NotifyException(string message, bool retryable, Exception? innerException = null)
        : base(message, innerException)
    {
        Retryable = retryable;
    }

    /// <summary>Whether sending again later can succeed (network errors, timeouts, 5xx, 429).</summary>
    public bool Retryable { get; }
}
