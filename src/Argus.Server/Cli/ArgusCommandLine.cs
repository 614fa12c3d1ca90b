using System.CommandLine;
using Argus.Instrumentation.Collectors;
using Argus.Server.Agent;
using Argus.Server.Alertmanager;
using Argus.Server.Check;
using Argus.Server.Composition;
using Argus.Server.Test;
using Argus.Server.Tsdb;
using Argus.Web.Logging;
using Microsoft.Extensions.Logging;

namespace Argus.Server.Cli;

/// <summary>
/// The <c>argus</c> command line: <c>server</c> (also what bare <c>argus</c> runs), <c>agent</c>, <c>alertmanager</c>,
/// <c>check config</c>, <c>check rules</c>, <c>test promql</c>, <c>test rules</c>, <c>tsdb</c> and <c>version</c>,
/// each with <c>--help</c>. Exit codes: 0 success, 1 invalid
/// input (bad configuration or rule file, startup failure), 2 usage error (unknown command or flag,
/// bad flag value).
/// </summary>
public sealed class ArgusCommandLine
{
    public const int ExitOk = 0;
    public const int ExitInvalidInput = 1;
    public const int ExitUsage = 2;

    private readonly TextWriter _output;
    private readonly TextWriter _error;
    private readonly BuildInfo _buildInfo;
    private readonly RootCommand _root;
    private readonly ServerFlags _rootFlags = new();
    private readonly ServerFlags _serverFlags = new();
    private readonly AlertmanagerFlags _alertmanagerFlags = new();
    private readonly AgentFlags _agentFlags = new();
    private readonly Argument<string[]> _configFiles = FilesArgument("config-files", "Configuration files to check.");
    private readonly Argument<string[]> _ruleFiles = FilesArgument("rule-files", "Rule files to check.");
    private readonly Argument<string[]> _promqlScripts = FilesArgument("scripts", "PromQL test scripts (*.test files or folders of them).");
    private readonly Argument<string[]> _ruleTestFiles = FilesArgument("test-rule-file", "Rule unit-test files (promtool's test format).");
    private readonly Option<string[]> _ruleTestRun = new("--run") { Description = "Only run test groups whose name matches this regular expression (repeatable).", Arity = ArgumentArity.ZeroOrMore };
    private readonly Option<bool> _ruleTestIgnoreUnknown = new("--ignore-unknown-fields") { Description = "Ignore unknown fields in the rule files under test." };

    public ArgusCommandLine(TextWriter output, TextWriter error, BuildInfo buildInfo)
    {
        _output = output;
        _error = error;
        _buildInfo = buildInfo;
        _root = new RootCommand("Argus: a monitoring system and time series database (Prometheus, Alertmanager, Pushgateway and node exporter in one program). Runs the server when no command is given.");
        _rootFlags.AddTo(_root);

        var server = new Command("server", "Run the Argus server (the default command).");
        _serverFlags.AddTo(server);

        var check = new Command("check", "Check configuration and rule files for validity.");
        var checkConfig = new Command("config", "Check that configuration files are valid.") { _configFiles };
        var checkRules = new Command("rules", "Check that rule files have a valid structure.") { _ruleFiles };
        check.Subcommands.Add(checkConfig);
        check.Subcommands.Add(checkRules);

        var version = new Command("version", "Print version information.");

        var test = new Command("test", "Run test scripts.");
        var testPromql = new Command("promql", "Run PromQL test scripts (Prometheus' load/eval format); prints a line per file and the totals.") { _promqlScripts };
        test.Subcommands.Add(testPromql);
        var testRules = new Command("rules", "Run rule unit tests (promtool's test format); exit 0 when all pass, 1 otherwise.") { _ruleTestFiles, _ruleTestRun, _ruleTestIgnoreUnknown };
        test.Subcommands.Add(testRules);

        var alertmanager = new Command("alertmanager", "Run the alert manager on its own, with Alertmanager's flags and API (a drop-in for Alertmanager).");
        _alertmanagerFlags.AddTo(alertmanager);
        alertmanager.SetAction((parsed, _) => RunAlertmanagerAsync(parsed));

        var agent = new Command("agent", "Run Argus as an agent on a monitored machine, without storage or queries. "
            + "Choose a mode: --host-collector serves this host's metrics like node_exporter (on :9100 by default).");
        _agentFlags.AddTo(agent);
        agent.SetAction((parsed, _) => RunAgentAsync(parsed));

        var tsdb = BuildTsdbCommand();
        _root.Subcommands.Add(server);
        _root.Subcommands.Add(check);
        _root.Subcommands.Add(version);
        _root.Subcommands.Add(test);
        _root.Subcommands.Add(tsdb);
        _root.Subcommands.Add(alertmanager);
        _root.Subcommands.Add(agent);

        _root.SetAction((parsed, _) => RunServerAsync(parsed, _rootFlags));
        server.SetAction((parsed, _) => RunServerAsync(parsed, _serverFlags));
        checkConfig.SetAction((parsed, _) => CheckCommands.CheckConfigAsync(parsed.GetValue(_configFiles) ?? [], _output, _error));
        checkRules.SetAction((parsed, _) => CheckCommands.CheckRulesAsync(parsed.GetValue(_ruleFiles) ?? [], _output, _error));
        version.SetAction(parsed =>
        {
            _output.Write(VersionText.Format(_buildInfo));
            return ExitOk;
        });
        testPromql.SetAction(parsed => TestCommands.RunPromqlScripts(parsed.GetValue(_promqlScripts) ?? [], _output, _error));
        testRules.SetAction(parsed => TestCommands.RunRuleTests(
            parsed.GetValue(_ruleTestFiles) ?? [], parsed.GetValue(_ruleTestRun) ?? [], parsed.GetValue(_ruleTestIgnoreUnknown), _output, _error));
        test.SetAction(parsed =>
        {
            _error.WriteLine("argus test: a subcommand is required (promql or rules); see 'argus test --help'");
            return ExitUsage;
        });
        check.SetAction(parsed =>
        {
            _error.WriteLine("argus check: a subcommand is required (config or rules); see 'argus check --help'");
            return ExitUsage;
        });
    }

    public static Task<int> RunAsync(string[] args) =>
        new ArgusCommandLine(Console.Out, Console.Error, BuildInfo.FromAssembly(typeof(ArgusCommandLine).Assembly)).InvokeAsync(args);

    /// <summary>Parses <paramref name="args"/> and runs the chosen command; returns the exit code.</summary>
    public async Task<int> InvokeAsync(string[] args)
    {
        var parsed = Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await _error.WriteLineAsync($"argus: error: {error.Message}").ConfigureAwait(false);
            }
            await _error.WriteLineAsync("Run 'argus --help' for usage.").ConfigureAwait(false);
            return ExitUsage;
        }
        var configuration = new InvocationConfiguration
        {
            Output = _output,
            Error = _error,
            // The server handles SIGTERM and Ctrl-C itself, to stop its components in order.
            ProcessTerminationTimeout = null,
            EnableDefaultExceptionHandler = false,
        };
        return await parsed.InvokeAsync(configuration).ConfigureAwait(false);
    }

    /// <summary>Parses without running, after rewriting Prometheus' <c>--no-FLAG</c> form of boolean
    /// flags to <c>--FLAG=false</c>.</summary>
    public ParseResult Parse(string[] args) => _root.Parse([.. args.Select(RewriteNegatedFlag)]);

    /// <summary>Builds the server options from a parse result (for tests and the server command).</summary>
    internal bool TryBuildServerOptions(ParseResult parsed, out Options.ServerOptions? options, out List<string> errors)
    {
        var flags = parsed.CommandResult.Command == _root ? _rootFlags : _serverFlags;
        return flags.TryBuild(parsed, out options, out errors);
    }

    private async Task<int> RunServerAsync(ParseResult parsed, ServerFlags flags)
    {
        if (!flags.TryBuild(parsed, out var options, out var errors))
        {
            foreach (var error in errors)
            {
                await _error.WriteLineAsync($"argus: error: {error}").ConfigureAwait(false);
            }
            return ExitUsage;
        }
        using var logs = new ArgusLoggerProvider(options!.LogLevel, options.LogFormat, _error);
        var server = new ArgusServer(options, logs, _buildInfo);
        return await server.RunAsync().ConfigureAwait(false);
    }

    private async Task<int> RunAlertmanagerAsync(ParseResult parsed)
    {
        if (!_alertmanagerFlags.TryBuild(parsed, out var flags, out var errors))
        {
            foreach (var error in errors)
            {
                await _error.WriteLineAsync($"argus alertmanager: error: {error}").ConfigureAwait(false);
            }
            return ExitUsage;
        }
        using var logs = new ArgusLoggerProvider(flags!.LogLevel, flags.LogFormat, _error);
        var logger = logs.CreateLogger("Argus.Alertmanager");
        foreach (var flag in _alertmanagerFlags.ClusterFlagsGiven(parsed))
        {
            logger.LogWarning("Ignoring {flag}: Argus runs a single alert manager and has no gossip cluster", flag);
        }
        var registry = new Argus.Instrumentation.Metrics.MetricsRegistry();
        var program = new AlertmanagerProgram(flags, logs, _buildInfo, ReceiverIntegrations.Create(logger, registry: registry), registry);
        return await program.RunAsync().ConfigureAwait(false);
    }

    private async Task<int> RunAgentAsync(ParseResult parsed)
    {
        if (!_agentFlags.TryBuild(parsed, out var flags, out var errors))
        {
            foreach (var error in errors)
            {
                await _error.WriteLineAsync($"argus agent: error: {error}").ConfigureAwait(false);
            }
            await _error.WriteLineAsync("Run 'argus agent --help' for usage.").ConfigureAwait(false);
            return ExitUsage;
        }
        using var logs = new ArgusLoggerProvider(flags!.LogLevel, flags.LogFormat, _error);
        return await new AgentProgram(flags, logs, _buildInfo).RunAsync().ConfigureAwait(false);
    }

    private static string RewriteNegatedFlag(string arg)
    {
        if (!arg.StartsWith("--no-", StringComparison.Ordinal))
        {
            return arg;
        }
        var name = arg["--no-".Length..];
        return ServerFlags.BooleanFlagNames.Contains(name, StringComparer.Ordinal) ? $"--{name}=false" : arg;
    }

    /// <summary><c>argus tsdb list|analyze|dump|create-blocks-from openmetrics</c>; logic in <see cref="TsdbCommands"/>.</summary>
    private Command BuildTsdbCommand()
    {
        var tsdb = new Command("tsdb", "Inspect and backfill TSDB data directories.");
        var dirArgument = new Argument<string>("db-path") { Description = "The TSDB data directory." };

        var humanReadable = new Option<bool>("--human-readable", "-r") { Description = "Print times, durations and sizes in human-readable form." };
        var list = new Command("list", "List the blocks of a TSDB (reads only block metadata).") { dirArgument, humanReadable };
        list.SetAction(parsed => TsdbCommands.List(parsed.GetValue(dirArgument)!, parsed.GetValue(humanReadable), _output, _error));

        var limit = new Option<int>("--limit") { Description = "How many entries to show per list.", DefaultValueFactory = _ => 20 };
        var analyze = new Command("analyze", "Show cardinality: metric names, label names and label pairs by series count (works on a private copy).") { dirArgument, limit };
        analyze.SetAction(parsed => TsdbCommands.Analyze(parsed.GetValue(dirArgument)!, parsed.GetValue(limit), _output, _error));

        var match = new Option<string>("--match") { Description = "Series selector of the series to dump.", DefaultValueFactory = _ => "{__name__=~\".+\"}" };
        var minTime = new Option<long>("--min-time") { Description = "Earliest timestamp to dump, in milliseconds.", DefaultValueFactory = _ => long.MinValue };
        var maxTime = new Option<long>("--max-time") { Description = "Latest timestamp to dump, in milliseconds.", DefaultValueFactory = _ => long.MaxValue };
        var dump = new Command("dump", "Print samples as '{labels} value timestamp' (works on a private copy).") { dirArgument, match, minTime, maxTime };
        dump.SetAction(parsed => TsdbCommands.Dump(parsed.GetValue(dirArgument)!, parsed.GetValue(match)!, parsed.GetValue(minTime), parsed.GetValue(maxTime), _output, _error));

        var inputFile = new Argument<string>("input-file") { Description = "OpenMetrics text file; every sample needs a timestamp." };
        var outputDir = new Argument<string>("output-dir") { Description = "New TSDB directory to write (must not exist or be empty)." };
        var openMetrics = new Command("openmetrics", "Backfill an OpenMetrics file into blocks.") { inputFile, outputDir };
        openMetrics.SetAction(parsed => TsdbCommands.CreateBlocksFromOpenMetrics(parsed.GetValue(inputFile)!, parsed.GetValue(outputDir)!, _output, _error));
        var createBlocks = new Command("create-blocks-from", "Create blocks from other data.") { openMetrics };

        tsdb.Subcommands.Add(list);
        tsdb.Subcommands.Add(analyze);
        tsdb.Subcommands.Add(dump);
        tsdb.Subcommands.Add(createBlocks);
        foreach (var parent in new[] { tsdb, createBlocks })
        {
            parent.SetAction(parsed =>
            {
                _error.WriteLine($"argus {(parent == tsdb ? "tsdb" : "tsdb create-blocks-from")}: a subcommand is required; see --help");
                return ExitUsage;
            });
        }
        return tsdb;
    }

    private static Argument<string[]> FilesArgument(string name, string description) => new(name)
    {
        Description = description,
        Arity = ArgumentArity.OneOrMore,
    };
}
