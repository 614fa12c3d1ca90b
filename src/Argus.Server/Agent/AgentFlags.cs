using System.CommandLine;
using Argus.Scrape.Host;
using Argus.Web.Hosting;
using static Argus.Server.Cli.FlagOptions;

namespace Argus.Server.Agent;

/// <summary>
/// The flags of <c>argus agent</c>: one switch per mode (at least one is required) and the settings the
/// modes share. The host collector's flags keep node_exporter's names and defaults (port 9100,
/// <c>--path.procfs</c>, <c>--path.sysfs</c>), so a node_exporter unit file needs only its program name changed.
/// </summary>
public sealed class AgentFlags
{
    public Option<bool> HostCollector { get; } = new("--host-collector")
    {
        Description = "Mode: serve this host's metrics like node_exporter: node_* (CPU, load, memory, filesystems, disks, network, "
            + "uptime, file descriptors) at /metrics/host, and at /metrics together with the agent's own process_*, dotnet_* and argus_* metrics.",
    };

    public Option<string> ListenAddress { get; } = Text("--web.listen-address", ":9100",
        "Address to listen on for /metrics, /metrics/host, /-/healthy and /-/ready, as host:port (\":9100\", node_exporter's port, means every interface).", "address");

    public Option<string> ProcPath { get; } = Text("--path.procfs", "/proc", "procfs mountpoint the host collector reads (e.g. /host/proc in a container).", "path");

    public Option<string> SysPath { get; } = Text("--path.sysfs", "/sys", "sysfs mountpoint the host collector reads (e.g. /host/sys in a container).", "path");

    public Option<string> LogLevel { get; } = Text("--log.level", "info", "Lowest severity that is logged: debug, info, warn or error.", "level");

    public Option<string> LogFormat { get; } = Text("--log.format", "logfmt", "Log line format: logfmt or json.", "format");

    /// <summary>Each mode's switch, with how a usage error describes it.</summary>
    private IEnumerable<(Option<bool> Switch, AgentMode Mode, string Summary)> Modes =>
    [
        (HostCollector, AgentMode.HostCollector, "serve this host's metrics like node_exporter"),
    ];

    public void AddTo(Command command)
    {
        foreach (var option in (Option[])[HostCollector, ListenAddress, ProcPath, SysPath, LogLevel, LogFormat])
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Converts and validates the flags; every problem is reported, each naming its flag.</summary>
    public bool TryBuild(ParseResult parsed, out AgentFlagValues? values, out List<string> errors)
    {
        var problems = new List<string>();
        errors = problems;
        values = null;
        string Value(Option<string> option) => parsed.GetValue(option) ?? string.Empty;

        var modes = Modes.Where(m => parsed.GetValue(m.Switch)).Select(m => m.Mode).ToHashSet();
        if (modes.Count == 0)
        {
            problems.Add("no mode chosen; choose at least one of: " + string.Join(", ", Modes.Select(m => $"{m.Switch.Name} ({m.Summary})")));
        }
        if (!Web.Hosting.ListenAddress.TryParse(Value(ListenAddress), out var listen, out var listenError))
        {
            problems.Add($"invalid value for flag {ListenAddress.Name}: {listenError}");
        }
        foreach (var path in new[] { ProcPath, SysPath })
        {
            if (Value(path).Length == 0)
            {
                problems.Add($"flag {path.Name} must name a directory");
            }
        }
        var (level, format) = LogSettingsFrom(parsed, LogLevel, LogFormat, problems);
        if (problems.Count > 0)
        {
            return false;
        }
        values = new AgentFlagValues
        {
            Modes = modes,
            Web = new WebOptions
            {
                ListenAddress = listen,
                ExternalUrl = WebUrls.ComputeExternalUrl(null, listen),
                // An agent has no configuration to reload and is stopped by its service manager.
                EnableLifecycle = false,
            },
            HostPaths = new HostPaths(Value(ProcPath), Value(SysPath)),
            LogLevel = level,
            LogFormat = format,
        };
        return true;
    }
}
