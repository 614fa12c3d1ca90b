using Argus.Scrape.Host;
using Argus.Web.Hosting;
using Argus.Web.Logging;
using Microsoft.Extensions.Logging;

namespace Argus.Server.Agent;

/// <summary>The validated flags of <c>argus agent</c>.</summary>
public sealed class AgentFlagValues
{
    /// <summary>The modes chosen on the command line; never empty.</summary>
    public required IReadOnlySet<AgentMode> Modes { get; init; }

    public required WebOptions Web { get; init; }

    /// <summary>Where the host collector reads /proc and /sys (<c>--path.procfs</c>, <c>--path.sysfs</c>).</summary>
    public required HostPaths HostPaths { get; init; }

    public required LogLevel LogLevel { get; init; }

    public required LogFormat LogFormat { get; init; }
}
