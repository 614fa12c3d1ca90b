using Argus.Web.Hosting;
using Argus.Web.Logging;
using Microsoft.Extensions.Logging;

namespace Argus.Server.Alertmanager;

/// <summary>The validated flags of <c>argus alertmanager</c>.</summary>
public sealed class AlertmanagerFlagValues
{
    public required string ConfigFile { get; init; }

    public required string StoragePath { get; init; }

    public required TimeSpan Retention { get; init; }

    public required TimeSpan HistoryRetention { get; init; }

    public required long HistoryMaxBytes { get; init; }

    public required WebOptions Web { get; init; }

    public required LogLevel LogLevel { get; init; }

    public required LogFormat LogFormat { get; init; }
}
