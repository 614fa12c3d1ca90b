namespace Argus.Server.Options;

/// <summary>The <c>--query.*</c> settings for the PromQL engine.</summary>
public sealed record QueryOptions
{
    /// <summary>Longest a query may run before it is aborted (default 2m).</summary>
    public required TimeSpan Timeout { get; init; }

    /// <summary>Most samples a single query may hold in memory at once (default 50,000,000).</summary>
    public required int MaxSamples { get; init; }

    /// <summary>Most queries evaluated at the same time (default 20).</summary>
    public required int MaxConcurrency { get; init; }

    /// <summary>How far back an instant selector looks for a sample (default 5m).</summary>
    public required TimeSpan LookbackDelta { get; init; }
}
