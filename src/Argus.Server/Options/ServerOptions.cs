using Argus.Rules.Notifier;
using Argus.Web.Hosting;
using Argus.Web.Logging;
using Microsoft.Extensions.Logging;

namespace Argus.Server.Options;

/// <summary>
/// Everything the <c>argus server</c> flags say, validated, with Prometheus' defaults. Stages read
/// their part of it in the composition root; <see cref="Flags"/> is what
/// <c>/api/v1/status/flags</c> serves.
/// </summary>
public sealed record ServerOptions
{
    /// <summary>The configuration file, or null to use the embedded default configuration.</summary>
    public required string? ConfigFile { get; init; }

    /// <summary>The Alertmanager configuration file of the built-in Alertmanager, or null for none.</summary>
    public required string? AlertmanagerConfigFile { get; init; }

    /// <summary>How long the built-in Alertmanager keeps alert-history events (<c>--alertmanager.history.retention</c>).</summary>
    public TimeSpan AlertmanagerHistoryRetention { get; init; } = Argus.Alerting.History.HistoryLogOptions.DefaultRetention;

    /// <summary>Most bytes of alert-history events kept (<c>--alertmanager.history.retention.size</c>).</summary>
    public long AlertmanagerHistoryMaxBytes { get; init; } = Argus.Alerting.History.HistoryLogOptions.DefaultMaxBytes;

    public required WebOptions Web { get; init; }

    public required StorageOptions Storage { get; init; }

    public required QueryOptions Query { get; init; }

    public required RuleOptions Rules { get; init; }

    /// <summary>The notifier's queue settings (<c>--alertmanager.notification-queue-capacity</c>, …); the
    /// composition root fills in the user agent.</summary>
    public required NotifierOptions Notifier { get; init; }

    public required LogLevel LogLevel { get; init; }

    public required LogFormat LogFormat { get; init; }

    /// <summary>Every server flag by name (without dashes) with its effective value as text, defaults included.</summary>
    public required IReadOnlyDictionary<string, string> Flags { get; init; }
}
