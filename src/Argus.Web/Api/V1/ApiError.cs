namespace Argus.Web.Api.V1;

/// <summary>An error the Prometheus API reports as <c>{"status":"error","errorType":…,"error":…}</c>.</summary>
public sealed class ApiError : Exception
{
    public ApiError()
    {
        Kind = ApiErrorKind.Internal;
    }

    public ApiError(string message)
        : base(message)
    {
        Kind = ApiErrorKind.Internal;
    }

    public ApiError(string message, Exception inner)
        : base(message, inner)
    {
        Kind = ApiErrorKind.Internal;
    }

    public ApiError(ApiErrorKind kind, string message, Exception? inner = null)
        : base(message, inner)
    {
        Kind = kind;
    }

    public ApiErrorKind Kind { get; }

    /// <summary>The <c>errorType</c> string Prometheus uses.</summary>
    public string TypeName => Kind switch
    {
        ApiErrorKind.BadData => "bad_data",
        ApiErrorKind.Execution => "execution",
        ApiErrorKind.Timeout => "timeout",
        ApiErrorKind.Canceled => "canceled",
        ApiErrorKind.NotFound => "not_found",
        ApiErrorKind.Unavailable => "unavailable",
        _ => "internal",
    };

    /// <summary>The HTTP status Prometheus answers with for this kind.</summary>
    public int StatusCode => Kind switch
    {
        ApiErrorKind.BadData => 400,
        ApiErrorKind.Execution => 422,
        ApiErrorKind.Canceled => 499,
        ApiErrorKind.Timeout => 503,
        ApiErrorKind.NotFound => 404,
        ApiErrorKind.Unavailable => 503,
        _ => 500,
    };
}
