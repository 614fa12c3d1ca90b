namespace Argus.Templates.Prometheus;

/// <summary>What Prometheus' template functions need from the server.</summary>
public sealed record PrometheusTemplateOptions
{
    /// <summary>
    /// Runs a PromQL instant query at the evaluation time (<c>query</c> function). Exceptions become
    /// template execution errors. Null means queries are unavailable and <c>query</c> fails.
    /// </summary>
    public Func<string, IReadOnlyList<QuerySample>>? Query { get; init; }

    /// <summary>The server's external URL (<c>externalURL</c>; its path is <c>pathPrefix</c>).</summary>
    public string ExternalUrl { get; init; } = string.Empty;

    /// <summary>The evaluation time, returned by <c>now</c> as Unix seconds.</summary>
    public DateTimeOffset Timestamp { get; init; } = DateTimeOffset.UnixEpoch;
}
