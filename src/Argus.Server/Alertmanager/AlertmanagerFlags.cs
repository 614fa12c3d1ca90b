using System.CommandLine;
using Argus.Model.Time;
using Argus.Server.Cli;
using Argus.Web.Hosting;
using static Argus.Server.Cli.FlagOptions;

namespace Argus.Server.Alertmanager;

/// <summary>
/// The flags of <c>argus alertmanager</c>, named and defaulted as Alertmanager's own, so an existing unit file
/// or container command line runs unchanged. Alertmanager's <c>--cluster.*</c> flags are accepted and ignored
/// with a warning: Argus runs one alert manager per server and has no gossip cluster.
/// </summary>
public sealed class AlertmanagerFlags
{
    /// <summary>Alertmanager 0.25's cluster flags.</summary>
    private static readonly string[] ClusterFlagNames =
    [
        "--cluster.listen-address", "--cluster.advertise-address", "--cluster.peer", "--cluster.peer-timeout",
        "--cluster.gossip-interval", "--cluster.pushpull-interval", "--cluster.tcp-timeout", "--cluster.probe-timeout",
        "--cluster.probe-interval", "--cluster.settle-timeout", "--cluster.reconnect-interval", "--cluster.reconnect-timeout",
        "--cluster.tls-config", "--cluster.allow-insecure-public-advertise-address-discovery", "--cluster.label",
    ];

    public Option<string> ConfigFile { get; } = Text("--config.file", "alertmanager.yml", "Alertmanager configuration file name.", "file");

    public Option<string> StoragePath { get; } = Text("--storage.path", "data/", "Base path for data storage (silences and the notification log).", "path");

    public Option<string> Retention { get; } = Text("--data.retention", "120h", "How long to keep data for (expired silences, notification log entries).", "duration");

    public Option<string> HistoryRetention { get; } = Text("--history.retention", "168h",
        "How long to keep alert-history events (GET /api/v2/history): state changes, notifications, acknowledgements, escalations.", "duration");

    public Option<string> HistoryRetentionSize { get; } = Text("--history.retention.size", "64MB",
        "Most bytes of alert-history events to keep; the oldest are dropped first. Units: B, KB, MB, GB (base 2).", "size");

    public Option<string> ListenAddress { get; } = Text("--web.listen-address", ":9093", "Address to listen on for the web interface and API.", "address");

    public Option<string> ExternalUrl { get; } = Text("--web.external-url", "",
        "The URL under which the alert manager is externally reachable (for example behind a reverse proxy); used for links and, unless --web.route-prefix is set, the route prefix.", "url");

    public Option<string> RoutePrefix { get; } = Text("--web.route-prefix", "", "Prefix for the internal routes of web endpoints. Defaults to the path of --web.external-url.", "path");

    public Option<string> LogLevel { get; } = Text("--log.level", "info", "Only log messages with the given severity or above. One of: [debug, info, warn, error].", "level");

    public Option<string> LogFormat { get; } = Text("--log.format", "logfmt", "Output format of log messages. One of: [logfmt, json].", "format");

    private readonly List<Option<string[]>> _cluster = ClusterFlagNames.Select(name => new Option<string[]>(name)
    {
        Description = "Accepted for compatibility with Alertmanager and ignored: Argus has no gossip cluster.",
        Arity = ArgumentArity.ZeroOrMore,
        AllowMultipleArgumentsPerToken = false,
        Hidden = true,
    }).ToList();

    public void AddTo(Command command)
    {
        foreach (var option in (Option[])[ConfigFile, StoragePath, Retention, HistoryRetention, HistoryRetentionSize, ListenAddress, ExternalUrl, RoutePrefix, LogLevel, LogFormat])
        {
            command.Options.Add(option);
        }
        foreach (var option in _cluster)
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The <c>--cluster.*</c> flags present on the command line, for the warning.</summary>
    public List<string> ClusterFlagsGiven(ParseResult parsed) =>
        _cluster.Where(o => parsed.GetResult(o) is { Implicit: false }).Select(o => o.Name).ToList();

    /// <summary>Converts and validates the flags; every problem is reported, each naming its flag.</summary>
    public bool TryBuild(ParseResult parsed, out AlertmanagerFlagValues? values, out List<string> errors)
    {
        var problems = new List<string>();
        errors = problems;
        values = null;
        string Value(Option<string> option) => parsed.GetValue(option) ?? string.Empty;

        if (!PromDuration.TryParse(Value(Retention), out var retention, out var retentionError) || retention <= TimeSpan.Zero)
        {
            problems.Add($"invalid value \"{Value(Retention)}\" for flag {Retention.Name}: {retentionError ?? "must be positive"}");
        }
        if (!PromDuration.TryParse(Value(HistoryRetention), out var historyRetention, out var historyError) || historyRetention <= TimeSpan.Zero)
        {
            problems.Add($"invalid value \"{Value(HistoryRetention)}\" for flag {HistoryRetention.Name}: {historyError ?? "must be positive"}");
        }
        if (!ByteSize.TryParse(Value(HistoryRetentionSize), out var historyBytes, out var historySizeError) || historyBytes <= 0)
        {
            problems.Add($"invalid value \"{Value(HistoryRetentionSize)}\" for flag {HistoryRetentionSize.Name}: {historySizeError ?? "must be positive"}");
        }
        if (!Web.Hosting.ListenAddress.TryParse(Value(ListenAddress), out var listen, out var listenError))
        {
            problems.Add($"invalid value for flag {ListenAddress.Name}: {listenError}");
        }
        Uri? externalUrl = null;
        try
        {
            externalUrl = WebUrls.ComputeExternalUrl(Value(ExternalUrl), listen);
        }
        catch (FormatException ex)
        {
            problems.Add($"parse external URL \"{Value(ExternalUrl)}\" (flag {ExternalUrl.Name}): {ex.Message}");
        }
        var (level, format) = LogSettingsFrom(parsed, LogLevel, LogFormat, problems);
        if (Value(ConfigFile).Length == 0)
        {
            problems.Add($"flag {ConfigFile.Name} must name a file");
        }
        if (problems.Count > 0)
        {
            return false;
        }
        values = new AlertmanagerFlagValues
        {
            ConfigFile = Value(ConfigFile),
            StoragePath = Value(StoragePath),
            Retention = retention,
            HistoryRetention = historyRetention,
            HistoryMaxBytes = historyBytes,
            Web = new WebOptions
            {
                ListenAddress = listen,
                ExternalUrl = externalUrl!,
                RoutePrefix = WebUrls.ComputeRoutePrefix(Value(RoutePrefix), externalUrl!),
                // Alertmanager always serves /-/reload.
                EnableLifecycle = true,
            },
            LogLevel = level,
            LogFormat = format,
        };
        return true;
    }
}
