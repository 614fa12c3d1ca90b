namespace Argus.Notify.Integrations.Http;

/// <summary>
/// Which non-2xx HTTP statuses of an integration are worth retrying. Like Alertmanager's retrier, every 5xx is,
/// plus the codes an integration lists (PagerDuty's 429 or, for its v1 API, 403; Opsgenie's 429, …).
/// </summary>
internal sealed class HttpRetryPolicy
{
    private readonly int[] _codes;

    private HttpRetryPolicy(int[] codes)
    {
        _codes = codes;
    }

    /// <summary>Argus's default for the integrations it had before matching Alertmanager kind by kind: 5xx and 429.</summary>
    public static HttpRetryPolicy Default { get; } = new([429]);

    /// <summary>Only server errors (5xx): Alertmanager's plain retrier.</summary>
    public static HttpRetryPolicy ServerErrors { get; } = new([]);

    /// <summary>Server errors and the given statuses.</summary>
    public static HttpRetryPolicy ServerErrorsAnd(params int[] codes) => new(codes);

    public bool IsRetryable(int status) => status >= 500 || Array.IndexOf(_codes, status) >= 0;
}
