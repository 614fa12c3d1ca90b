using Argus.Instrumentation.Collectors;
using Argus.Server.Cli;
using Argus.Server.Options;
using Argus.Web.Logging;
using Microsoft.Extensions.Logging;

namespace Argus.Server.Tests;

public class ServerFlagsTests
{
    private static readonly BuildInfo TestBuild = new("9.9.9", "rev", "branch", "10.0.0");

    private static ServerOptions Build(params string[] args)
    {
        var cli = new ArgusCommandLine(TextWriter.Null, TextWriter.Null, TestBuild);
        var parsed = cli.Parse(args);
        Assert.Empty(parsed.Errors);
        Assert.True(cli.TryBuildServerOptions(parsed, out var options, out var errors), string.Join("\n", errors));
        return options!;
    }

    private static List<string> Errors(params string[] args)
    {
        var cli = new ArgusCommandLine(TextWriter.Null, TextWriter.Null, TestBuild);
        var parsed = cli.Parse(args);
        Assert.Empty(parsed.Errors);
        Assert.False(cli.TryBuildServerOptions(parsed, out _, out var errors));
        return errors;
    }

    [Fact]
    public void Defaults_match_Prometheus()
    {
        var o = Build();
        Assert.Null(o.ConfigFile);
        Assert.Null(o.AlertmanagerConfigFile);
        Assert.Equal("0.0.0.0:9090", o.Web.ListenAddress.ToString());
        Assert.Equal(9090, o.Web.ExternalUrl.Port);
        Assert.Equal("/", o.Web.RoutePrefix);
        Assert.False(o.Web.EnableLifecycle);
        Assert.False(o.Web.EnableAdminApi);
        Assert.Equal(512, o.Web.MaxConnections);
        Assert.Equal("data/", o.Storage.Path);
        Assert.Equal(TimeSpan.FromDays(15), o.Storage.RetentionTime);
        Assert.Equal(0, o.Storage.RetentionSizeBytes);
        Assert.Equal(TimeSpan.FromHours(2), o.Storage.MinBlockDuration);
        Assert.Equal(TimeSpan.FromDays(1.5), o.Storage.MaxBlockDuration);
        Assert.False(o.Storage.NoLockfile);
        Assert.True(o.Storage.WalCompression);
        Assert.Equal(TimeSpan.Zero, o.Storage.OutOfOrderTimeWindow);
        Assert.Equal(TimeSpan.FromMinutes(2), o.Query.Timeout);
        Assert.Equal(50_000_000, o.Query.MaxSamples);
        Assert.Equal(20, o.Query.MaxConcurrency);
        Assert.Equal(TimeSpan.FromMinutes(5), o.Query.LookbackDelta);
        Assert.Equal(TimeSpan.FromHours(1), o.Rules.ForOutageTolerance);
        Assert.Equal(TimeSpan.FromMinutes(10), o.Rules.ForGracePeriod);
        Assert.Equal(TimeSpan.FromMinutes(1), o.Rules.ResendDelay);
        Assert.Equal(10_000, o.Notifier.QueueCapacity);
        Assert.True(o.Notifier.DrainOnShutdown);
        Assert.Equal(LogLevel.Information, o.LogLevel);
        Assert.Equal(LogFormat.Logfmt, o.LogFormat);
    }

    [Fact]
    public void Every_flag_is_parsed_in_equals_and_separate_forms()
    {
        var o = Build(
            "--config.file=/etc/argus.yml",
            "--web.listen-address", "127.0.0.1:0",
            "--web.external-url=https://mon.example.com/argus/",
            "--web.enable-lifecycle",
            "--web.enable-admin-api",
            "--web.max-connections=7",
            "--storage.tsdb.path=/var/lib/argus",
            "--storage.tsdb.retention.time=30d",
            "--storage.tsdb.retention.size=512MB",
            "--storage.tsdb.min-block-duration=1h",
            "--storage.tsdb.max-block-duration=1d",
            "--storage.tsdb.no-lockfile",
            "--no-storage.tsdb.wal-compression",
            "--storage.tsdb.out-of-order-time-window=10m",
            "--alertmanager.config.file=am.yml",
            "--alertmanager.history.retention=72h",
            "--alertmanager.history.retention.size=16MB",
            "--query.timeout=30s",
            "--query.max-samples=1000",
            "--query.max-concurrency=4",
            "--query.lookback-delta=1m30s",
            "--rules.alert.for-outage-tolerance=2h",
            "--rules.alert.for-grace-period=5m",
            "--rules.alert.resend-delay=30s",
            "--alertmanager.notification-queue-capacity", "50",
            "--no-alertmanager.drain-notification-queue-on-shutdown",
            "--log.level=debug",
            "--log.format=json");
        Assert.Equal("/etc/argus.yml", o.ConfigFile);
        Assert.Equal("127.0.0.1:0", o.Web.ListenAddress.ToString());
        Assert.Equal("https://mon.example.com/argus", o.Web.ExternalUrl.ToString());
        Assert.Equal("/argus", o.Web.RoutePrefix);
        Assert.True(o.Web.EnableLifecycle);
        Assert.True(o.Web.EnableAdminApi);
        Assert.Equal(7, o.Web.MaxConnections);
        Assert.Equal("/var/lib/argus", o.Storage.Path);
        Assert.Equal(TimeSpan.FromDays(30), o.Storage.RetentionTime);
        Assert.Equal(512L << 20, o.Storage.RetentionSizeBytes);
        Assert.Equal(TimeSpan.FromHours(1), o.Storage.MinBlockDuration);
        Assert.Equal(TimeSpan.FromDays(1), o.Storage.MaxBlockDuration);
        Assert.True(o.Storage.NoLockfile);
        Assert.False(o.Storage.WalCompression);
        Assert.Equal(TimeSpan.FromMinutes(10), o.Storage.OutOfOrderTimeWindow);
        Assert.Equal("am.yml", o.AlertmanagerConfigFile);
        Assert.Equal(TimeSpan.FromHours(72), o.AlertmanagerHistoryRetention);
        Assert.Equal(16L << 20, o.AlertmanagerHistoryMaxBytes);
        Assert.Equal(TimeSpan.FromSeconds(30), o.Query.Timeout);
        Assert.Equal(1000, o.Query.MaxSamples);
        Assert.Equal(4, o.Query.MaxConcurrency);
        Assert.Equal(TimeSpan.FromSeconds(90), o.Query.LookbackDelta);
        Assert.Equal(TimeSpan.FromHours(2), o.Rules.ForOutageTolerance);
        Assert.Equal(TimeSpan.FromMinutes(5), o.Rules.ForGracePeriod);
        Assert.Equal(TimeSpan.FromSeconds(30), o.Rules.ResendDelay);
        Assert.Equal(50, o.Notifier.QueueCapacity);
        Assert.False(o.Notifier.DrainOnShutdown);
        Assert.Equal(LogLevel.Debug, o.LogLevel);
        Assert.Equal(LogFormat.Json, o.LogFormat);
    }

    [Fact]
    public void The_server_subcommand_takes_the_same_flags()
    {
        var o = Build("server", "--web.listen-address=:9999", "--web.route-prefix=/x/");
        Assert.Equal(":9999", o.Web.ListenAddress.ToString());
        Assert.Equal("/x", o.Web.RoutePrefix);
    }

    [Fact]
    public void A_size_retention_alone_disables_the_default_time_retention()
    {
        var o = Build("--storage.tsdb.retention.size=1GB");
        Assert.Equal(TimeSpan.Zero, o.Storage.RetentionTime);
        Assert.Equal(1L << 30, o.Storage.RetentionSizeBytes);
        Assert.Equal(TimeSpan.FromDays(31), o.Storage.MaxBlockDuration);
    }

    [Fact]
    public void Long_retention_caps_the_max_block_duration_at_31_days_and_retention_at_100_years()
    {
        Assert.Equal(TimeSpan.FromDays(31), Build("--storage.tsdb.retention.time=1y").Storage.MaxBlockDuration);
        Assert.Equal(TimeSpan.FromDays(36500), Build("--storage.tsdb.retention.time=200y").Storage.RetentionTime);
    }

    [Fact]
    public void The_flags_dictionary_lists_every_flag_with_its_effective_text()
    {
        var flags = Build("--web.enable-lifecycle", "--query.timeout=30s").Flags;
        Assert.Equal("true", flags["web.enable-lifecycle"]);
        Assert.Equal("false", flags["web.enable-admin-api"]);
        Assert.Equal("30s", flags["query.timeout"]);
        Assert.Equal("0.0.0.0:9090", flags["web.listen-address"]);
        Assert.Equal("data/", flags["storage.tsdb.path"]);
        Assert.Equal("", flags["config.file"]);
        Assert.Equal("10000", flags["alertmanager.notification-queue-capacity"]);
        Assert.Equal("true", flags["alertmanager.drain-notification-queue-on-shutdown"]);
        Assert.Equal("168h", flags["alertmanager.history.retention"]);
        Assert.Equal("64MB", flags["alertmanager.history.retention.size"]);
        Assert.Equal(29, flags.Count);
    }

    [Theory]
    [InlineData("--query.timeout=5x", "--query.timeout")]
    [InlineData("--query.lookback-delta=0", "--query.lookback-delta")]
    [InlineData("--query.max-samples=-1", "--query.max-samples")]
    [InlineData("--query.max-concurrency=0", "--query.max-concurrency")]
    [InlineData("--storage.tsdb.retention.time=15", "--storage.tsdb.retention.time")]
    [InlineData("--storage.tsdb.retention.size=12XB", "--storage.tsdb.retention.size")]
    [InlineData("--web.listen-address=9090", "--web.listen-address")]
    [InlineData("--web.external-url=ftp://x", "--web.external-url")]
    [InlineData("--log.level=trace", "--log.level")]
    [InlineData("--log.format=xml", "--log.format")]
    [InlineData("--rules.alert.resend-delay=1h1h", "--rules.alert.resend-delay")]
    [InlineData("--alertmanager.notification-queue-capacity=0", "--alertmanager.notification-queue-capacity")]
    [InlineData("--alertmanager.notification-queue-capacity=ten", "--alertmanager.notification-queue-capacity")]
    [InlineData("--alertmanager.history.retention=0s", "--alertmanager.history.retention")]
    [InlineData("--alertmanager.history.retention=soon", "--alertmanager.history.retention")]
    [InlineData("--alertmanager.history.retention.size=0", "--alertmanager.history.retention.size")]
    public void Bad_flag_values_are_reported_with_the_flag_name(string arg, string flag)
    {
        var errors = Errors(arg);
        Assert.Contains(errors, e => e.Contains(flag, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("0", 0)]
    [InlineData("512MB", 512L << 20)]
    [InlineData("1GiB", 1L << 30)]
    [InlineData("1TB512GB", (1L << 40) + (512L << 30))]
    [InlineData("100B", 100)]
    public void Byte_sizes_use_base_2_units(string text, long bytes)
    {
        Assert.True(ByteSize.TryParse(text, out var parsed, out var error), error);
        Assert.Equal(bytes, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("12")]
    [InlineData("MB")]
    [InlineData("1.5GB")]
    [InlineData("99999999EB")]
    public void Bad_byte_sizes_are_rejected(string text)
    {
        Assert.False(ByteSize.TryParse(text, out _, out var error));
        Assert.NotNull(error);
    }
}
