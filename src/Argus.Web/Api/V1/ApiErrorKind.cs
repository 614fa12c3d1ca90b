namespace Argus.Web.Api.V1;

/// <summary>The error classes of Prometheus' HTTP API.</summary>
public enum ApiErrorKind : byte
{
    BadData,
    Execution,
    Timeout,
    Canceled,
    NotFound,
    Unavailable,
    Internal,
}
