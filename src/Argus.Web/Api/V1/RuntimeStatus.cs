namespace Argus.Web.Api.V1;

/// <summary>The server-side facts shown by <c>/api/v1/status/runtimeinfo</c>.</summary>
public sealed record RuntimeStatus
{
    public DateTimeOffset StartTime { get; init; } = DateTimeOffset.UnixEpoch;

    public bool ReloadConfigSuccess { get; init; } = true;

    public DateTimeOffset LastConfigTime { get; init; } = DateTimeOffset.UnixEpoch;

    public long CorruptionCount { get; init; }

    public string StorageRetention { get; init; } = string.Empty;
}
