namespace Argus.Web.Api.V1;

/// <summary>One line of the <see cref="QueryLog"/>.</summary>
public sealed record QueryLogEntry(
    string ClientIp,
    string Method,
    string Path,
    string Query,
    long StartMs,
    long EndMs,
    long StepMs,
    TimeSpan Queue,
    TimeSpan Evaluation,
    DateTimeOffset Timestamp);
