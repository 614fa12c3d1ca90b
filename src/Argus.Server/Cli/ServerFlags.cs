using System.CommandLine;
using System.Globalization;
using Argus.Model.Time;
using Argus.Rules.Notifier;
using Argus.Server.Options;
using Argus.Web.Hosting;
using static Argus.Server.Cli.FlagOptions;

namespace Argus.Server.Cli;

/// <summary>
/// The flags of <c>argus server</c> (also accepted by bare <c>argus</c>), in Prometheus' spelling and
/// with its defaults, and their conversion to a validated <see cref="ServerOptions"/>.
/// </summary>
/// <remarks>One instance per command: System.CommandLine options belong to the command they are added to.</remarks>
internal sealed class ServerFlags
{
    private static readonly TimeSpan DefaultRetention = TimeSpan.FromDays(15);
    private static readonly TimeSpan MaxRetention = TimeSpan.FromDays(100 * 365);
    private static readonly TimeSpan MaxBlockDurationCap = TimeSpan.FromDays(31);

    public Option<string> ConfigFile { get; } = Text("--config.file", "",
        "Configuration file path. Without it Argus runs the embedded default configuration, which scrapes Argus itself every 15s.", "path");

    public Option<string> ListenAddress { get; } = Text("--web.listen-address", "0.0.0.0:9090",
        "Address to listen on for the UI, API and telemetry, as host:port (\":9090\" means every interface).", "address");

    public Option<string> ExternalUrl { get; } = Text("--web.external-url", "",
        "The URL under which Argus is reached from outside, e.g. behind a reverse proxy. Its path becomes the route prefix. Default: http://<hostname>:<port>/.", "URL");

    public Option<string> RoutePrefix { get; } = Text("--web.route-prefix", "",
        "Prefix of the internal routes of web endpoints. Defaults to the path of --web.external-url.", "path");

    public Option<bool> EnableLifecycle { get; } = Switch("--web.enable-lifecycle", false,
        "Allow POST /-/reload and POST /-/quit to reload the configuration and stop Argus over HTTP.");

    public Option<bool> EnableAdminApi { get; } = Switch("--web.enable-admin-api", false,
        "Allow the admin API endpoints (e.g. deleting series, snapshots).");

    public Option<string> MaxConnections { get; } = Text("--web.max-connections", "512",
        "Maximum number of simultaneous connections (0 for no limit).", "count");

    public Option<string> StoragePath { get; } = Text("--storage.tsdb.path", "data/", "Directory the time-series database keeps its data in.", "path");

    public Option<string> RetentionTime { get; } = Text("--storage.tsdb.retention.time", "",
        "How long to retain samples in storage. If neither this nor --storage.tsdb.retention.size is set, retention defaults to 15d. Units: y, w, d, h, m, s, ms.", "duration");

    public Option<string> RetentionSize { get; } = Text("--storage.tsdb.retention.size", "0",
        "Maximum number of bytes of storage blocks to retain; the oldest are removed first. 0 means disabled. Units: B, KB, MB, GB, TB, PB, EB (base 2).", "size");

    public Option<string> MinBlockDuration { get; } = Text("--storage.tsdb.min-block-duration", "2h",
        "Time span of the head block cut into a persistent block.", "duration");

    public Option<string> MaxBlockDuration { get; } = Text("--storage.tsdb.max-block-duration", "",
        "Longest time span a compacted block may cover; by default a tenth of the retention time, capped at 31d.", "duration");

    public Option<bool> NoLockfile { get; } = Switch("--storage.tsdb.no-lockfile", false,
        "Skip the lock file that stops two processes from sharing the data directory.");

    public Option<bool> WalCompression { get; } = Switch("--storage.tsdb.wal-compression", true,
        "Compress the write-ahead log (disable with --no-storage.tsdb.wal-compression).");

    public Option<string> OutOfOrderTimeWindow { get; } = Text("--storage.tsdb.out-of-order-time-window", "0s",
        "How far behind the newest sample out-of-order samples are still accepted (0s disables).", "duration");

    public Option<string> AlertmanagerConfigFile { get; } = Text("--alertmanager.config.file", "",
        "Configuration file of the built-in Alertmanager. Without it the built-in Alertmanager is not started.", "path");

    public Option<string> AlertmanagerHistoryRetention { get; } = Text("--alertmanager.history.retention", "168h",
        "How long the built-in Alertmanager keeps alert-history events (GET /api/v2/history).", "duration");

    public Option<string> AlertmanagerHistoryRetentionSize { get; } = Text("--alertmanager.history.retention.size", "64MB",
        "Most bytes of alert-history events the built-in Alertmanager keeps; the oldest are dropped first.", "size");

    public Option<string> NotificationQueueCapacity { get; } = Text("--alertmanager.notification-queue-capacity", "10000",
        "The capacity of the queue for pending Alertmanager notifications; when it is full the oldest are dropped.", "count");

    public Option<bool> DrainNotificationQueue { get; } = Switch("--alertmanager.drain-notification-queue-on-shutdown", true,
        "Send all pending Alertmanager notifications before shutting down (disable with --no-alertmanager.drain-notification-queue-on-shutdown).");

    public Option<string> QueryTimeout { get; } = Text("--query.timeout", "2m", "How long a query may run before it is cancelled.", "duration");

    public Option<string> QueryMaxSamples { get; } = Text("--query.max-samples", "50000000",
        "Largest number of samples one query may hold in memory at a time.", "count");

    public Option<string> QueryMaxConcurrency { get; } = Text("--query.max-concurrency", "20",
        "How many queries may be evaluated at the same time.", "count");

    public Option<string> LookbackDelta { get; } = Text("--query.lookback-delta", "5m",
        "How far back an instant vector selector (and federation) looks for the latest sample.", "duration");

    public Option<string> ForOutageTolerance { get; } = Text("--rules.alert.for-outage-tolerance", "1h",
        "Longest downtime after which the pending time (\"for\") of alerts is still restored on restart.", "duration");

    public Option<string> ForGracePeriod { get; } = Text("--rules.alert.for-grace-period", "10m",
        "After a restart, least time before a restored alert may fire; applies to alerts whose \"for\" exceeds it.", "duration");

    public Option<string> ResendDelay { get; } = Text("--rules.alert.resend-delay", "1m",
        "Least time between two sends of the same firing alert to the Alertmanager.", "duration");

    public Option<string> LogLevel { get; } = Text("--log.level", "info",
        "Lowest severity that is logged: debug, info, warn or error.", "level");

    public Option<string> LogFormat { get; } = Text("--log.format", "logfmt",
        "Log line format: logfmt or json.", "format");

    public IReadOnlyList<Option> All =>
    [
        ConfigFile, ListenAddress, ExternalUrl, RoutePrefix, EnableLifecycle, EnableAdminApi, MaxConnections,
        StoragePath, RetentionTime, RetentionSize, MinBlockDuration, MaxBlockDuration, NoLockfile, WalCompression, OutOfOrderTimeWindow,
        AlertmanagerConfigFile, AlertmanagerHistoryRetention, AlertmanagerHistoryRetentionSize, NotificationQueueCapacity, DrainNotificationQueue, QueryTimeout, QueryMaxSamples, QueryMaxConcurrency, LookbackDelta,
        ForOutageTolerance, ForGracePeriod, ResendDelay, LogLevel, LogFormat,
    ];

    /// <summary>Names (without dashes) of the boolean flags, which also accept the <c>--no-</c> form.</summary>
    public static readonly string[] BooleanFlagNames =
        [
            "web.enable-lifecycle", "web.enable-admin-api", "storage.tsdb.no-lockfile", "storage.tsdb.wal-compression",
            "alertmanager.drain-notification-queue-on-shutdown",
        ];

    public void AddTo(Command command)
    {
        foreach (var option in All)
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Converts and validates the parsed flags. Every problem is reported, each naming its flag.</summary>
    public bool TryBuild(ParseResult parsed, out ServerOptions? options, out List<string> errors)
    {
        var problems = new List<string>();
        errors = problems;
        options = null;

        string Value(Option<string> option) => parsed.GetValue(option) ?? string.Empty;

        TimeSpan Duration(Option<string> option)
        {
            var text = Value(option);
            if (!PromDuration.TryParse(text, out var value, out var error))
            {
                problems.Add($"invalid value \"{text}\" for flag {option.Name}: {error}");
            }
            return value;
        }

        int Count(Option<string> option)
        {
            var text = Value(option);
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                problems.Add($"invalid value \"{text}\" for flag {option.Name}: expected a non-negative integer");
            }
            return value;
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

        var retentionTime = Value(RetentionTime).Length == 0 ? TimeSpan.Zero : Duration(RetentionTime);
        if (!ByteSize.TryParse(Value(RetentionSize), out var retentionBytes, out var sizeError))
        {
            problems.Add($"invalid value for flag {RetentionSize.Name}: {sizeError}");
        }
        if (retentionTime == TimeSpan.Zero && retentionBytes == 0)
        {
            retentionTime = DefaultRetention;
        }
        if (retentionTime > MaxRetention)
        {
            retentionTime = MaxRetention;
        }
        if (!PromDuration.TryParse(Value(AlertmanagerHistoryRetention), out var historyRetention, out var historyError) || historyRetention <= TimeSpan.Zero)
        {
            problems.Add($"invalid value \"{Value(AlertmanagerHistoryRetention)}\" for flag {AlertmanagerHistoryRetention.Name}: {historyError ?? "must be positive"}");
        }
        if (!ByteSize.TryParse(Value(AlertmanagerHistoryRetentionSize), out var historyBytes, out var historySizeError) || historyBytes <= 0)
        {
            problems.Add($"invalid value \"{Value(AlertmanagerHistoryRetentionSize)}\" for flag {AlertmanagerHistoryRetentionSize.Name}: {historySizeError ?? "must be positive"}");
        }
        var minBlock = Duration(MinBlockDuration);
        var maxBlock = Value(MaxBlockDuration).Length == 0
            ? TimeSpan.FromTicks(Math.Min((retentionTime == TimeSpan.Zero ? MaxBlockDurationCap : retentionTime / 10).Ticks, MaxBlockDurationCap.Ticks))
            : Duration(MaxBlockDuration);
        if (maxBlock < minBlock)
        {
            maxBlock = minBlock;
        }

        var queryTimeout = Duration(QueryTimeout);
        var maxSamples = Count(QueryMaxSamples);
        var maxConcurrency = Count(QueryMaxConcurrency);
        if (maxConcurrency == 0 && Value(QueryMaxConcurrency) == "0")
        {
            problems.Add($"invalid value \"0\" for flag {QueryMaxConcurrency.Name}: at least one query must be allowed");
        }
        var lookback = Duration(LookbackDelta);
        if (lookback == TimeSpan.Zero && PromDuration.TryParse(Value(LookbackDelta), out _, out _))
        {
            problems.Add($"invalid value for flag {LookbackDelta.Name}: the lookback delta must be positive");
        }
        var (level, format) = LogSettingsFrom(parsed, LogLevel, LogFormat, problems);
        var web = new WebOptions
        {
            ListenAddress = listen,
            ExternalUrl = externalUrl ?? new Uri("http://localhost/"),
            RoutePrefix = externalUrl is null ? "/" : WebUrls.ComputeRoutePrefix(Value(RoutePrefix), externalUrl),
            EnableLifecycle = parsed.GetValue(EnableLifecycle),
            EnableAdminApi = parsed.GetValue(EnableAdminApi),
            MaxConnections = Count(MaxConnections),
        };
        var storage = new StorageOptions
        {
            Path = Value(StoragePath),
            RetentionTime = retentionTime,
            RetentionSizeBytes = retentionBytes,
            MinBlockDuration = minBlock,
            MaxBlockDuration = maxBlock,
            NoLockfile = parsed.GetValue(NoLockfile),
            WalCompression = parsed.GetValue(WalCompression),
            OutOfOrderTimeWindow = Duration(OutOfOrderTimeWindow),
        };
        if (storage.Path.Length == 0)
        {
            problems.Add($"flag {StoragePath.Name} must not be empty");
        }
        var query = new QueryOptions { Timeout = queryTimeout, MaxSamples = maxSamples, MaxConcurrency = maxConcurrency, LookbackDelta = lookback };
        var rules = new RuleOptions
        {
            ForOutageTolerance = Duration(ForOutageTolerance),
            ForGracePeriod = Duration(ForGracePeriod),
            ResendDelay = Duration(ResendDelay),
        };
        var queueCapacity = Count(NotificationQueueCapacity);
        if (queueCapacity == 0 && Value(NotificationQueueCapacity) == "0")
        {
            problems.Add($"invalid value \"0\" for flag {NotificationQueueCapacity.Name}: the queue must hold at least one notification");
        }
        var notifier = new NotifierOptions { QueueCapacity = queueCapacity, DrainOnShutdown = parsed.GetValue(DrainNotificationQueue) };
        if (problems.Count > 0)
        {
            return false;
        }

        var flags = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var option in All)
        {
            var name = option.Name.TrimStart('-');
            flags[name] = option switch
            {
                Option<bool> b => parsed.GetValue(b) ? "true" : "false",
                Option<string> s => Value(s),
                _ => string.Empty,
            };
        }
        options = new ServerOptions
        {
            ConfigFile = Value(ConfigFile) is { Length: > 0 } configFile ? configFile : null,
            AlertmanagerConfigFile = Value(AlertmanagerConfigFile) is { Length: > 0 } amFile ? amFile : null,
            AlertmanagerHistoryRetention = historyRetention,
            AlertmanagerHistoryMaxBytes = historyBytes,
            Web = web,
            Storage = storage,
            Query = query,
            Rules = rules,
            Notifier = notifier,
            LogLevel = level,
            LogFormat = format,
            Flags = flags,
        };
        return true;
    }
}
