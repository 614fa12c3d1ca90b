namespace Argus.Config.Discovery;

/// <summary><c>dns_sd_configs</c> entry: DNS names queried every <see cref="RefreshInterval"/>
/// (default 30s) for records of <see cref="Type"/> (SRV by default; A, AAAA, MX and NS need a port).</summary>
public sealed class DnsSdConfig
{
    public static readonly TimeSpan DefaultRefreshInterval = TimeSpan.FromSeconds(30);

    public IReadOnlyList<string> Names { get; init; } = [];

    public TimeSpan RefreshInterval { get; init; } = DefaultRefreshInterval;

    /// <summary>Upper-case record type: SRV, A, AAAA, MX or NS.</summary>
    public string Type { get; init; } = "SRV";

    /// <summary>The port for A/AAAA/MX/NS targets (SRV records carry their own).</summary>
    public int Port { get; init; }

    internal static DnsSdConfig Read(Yaml.YamlMap map)
    {
        var names = map.StringList("names") ?? [];
        var refresh = map.Duration("refresh_interval", DefaultRefreshInterval);
        var type = map.String("type") ?? "SRV";
        var port = map.Int32("port") ?? 0;
        map.EnsureAllRead();
        if (names.Count == 0)
        {
            throw map.Error("DNS-SD config must contain at least one SRV record name");
        }
        var upper = type.ToUpperInvariant();
        switch (upper)
        {
            case "SRV":
                break;
            case "A" or "AAAA" or "MX" or "NS":
                if (port == 0)
                {
                    throw map.Error("a port is required in DNS-SD configs for all record types except SRV");
                }
                break;
            default:
                throw map.ErrorAt("type", $"invalid DNS-SD records type {type}");
        }
        if (port is < 0 or > 65535)
        {
            throw map.ErrorAt("port", $"invalid port {port}");
        }
        return new DnsSdConfig { Names = names, RefreshInterval = refresh, Type = upper, Port = port };
    }
}
