using Microsoft.Extensions.Logging;

namespace Argus.Web.Logging;

/// <summary>One log event, ready to be formatted. <see cref="Fields"/> are the structured values of the
/// message template, in template order.</summary>
public sealed record LogEntry(
    DateTimeOffset Timestamp,
    LogLevel Level,
    string Component,
    string Message,
    IReadOnlyList<KeyValuePair<string, object?>> Fields,
    Exception? Exception);
