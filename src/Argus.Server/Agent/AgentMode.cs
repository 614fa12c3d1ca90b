namespace Argus.Server.Agent;

/// <summary>What an <c>argus agent</c> does; each mode is a flag of its own and modes may be combined.</summary>
public enum AgentMode
{
    /// <summary><c>--host-collector</c>: serve this host's metrics as node_exporter does.</summary>
    HostCollector,
}
