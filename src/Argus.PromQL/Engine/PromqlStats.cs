namespace Argus.PromQL.Engine;

/// <summary>Counters of one engine, updated with <see cref="Interlocked"/>; the server publishes them.</summary>
public sealed class PromqlStats
{
    public long QueriesTotal;
    public long QueriesFailed;
    public long QueriesTimedOut;
    public long SamplesLoaded;
}
