namespace Argus.PromQL.Engine;

/// <summary>A query failed; <see cref="ErrorType"/> says how the API should report it.</summary>
public sealed class PromqlException : Exception
{
    public PromqlException()
    {
    }

    public PromqlException(string message)
        : base(message)
    {
        ErrorType = ErrorType.Execution;
    }

    public PromqlException(string message, Exception inner)
        : base(message, inner)
    {
        ErrorType = ErrorType.Execution;
    }

    public PromqlException(ErrorType errorType, string message, Exception? inner = null)
        : base(message, inner)
    {
        ErrorType = errorType;
    }

    public ErrorType ErrorType { get; }

    /// <summary>The API's string for <see cref="ErrorType"/>: bad_data, execution, timeout, canceled.</summary>
    public string ErrorTypeName => ErrorType switch
    {
        ErrorType.BadData => "bad_data",
        ErrorType.Timeout => "timeout",
        ErrorType.Canceled => "canceled",
        _ => "execution",
    };
}
