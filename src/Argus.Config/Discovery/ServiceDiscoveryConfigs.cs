using Argus.Model.Labels;

namespace Argus.Config.Discovery;

/// <summary>
/// The service-discovery sections of a scrape or Alertmanager config. Argus implements static,
/// file, HTTP and DNS discovery; any other Prometheus mechanism (<c>kubernetes_sd_configs</c>,
/// <c>ec2_sd_configs</c>, …) is rejected with an error naming it rather than silently ignored.
/// </summary>
public sealed class ServiceDiscoveryConfigs
{
    /// <summary>Discovery mechanisms Prometheus has and Argus does not implement yet.</summary>
    public static readonly IReadOnlySet<string> UnsupportedKinds = new HashSet<string>(StringComparer.Ordinal)
    {
        "azure_sd_configs", "consul_sd_configs", "digitalocean_sd_configs", "docker_sd_configs",
        "dockerswarm_sd_configs", "ec2_sd_configs", "ecs_sd_configs", "elasticache_sd_configs", "msk_sd_configs", "rds_sd_configs", "eureka_sd_configs", "gce_sd_configs",
        "hetzner_sd_configs", "ionos_sd_configs", "kubernetes_sd_configs", "kuma_sd_configs",
        "lightsail_sd_configs", "linode_sd_configs", "marathon_sd_configs", "nerve_sd_configs",
        "nomad_sd_configs", "oci_sd_configs", "openstack_sd_configs", "outscale_sd_configs",
        "ovhcloud_sd_configs", "puppetdb_sd_configs", "scaleway_sd_configs", "serverset_sd_configs",
        "stackit_sd_configs", "triton_sd_configs", "uyuni_sd_configs", "vultr_sd_configs",
    };

    public IReadOnlyList<TargetGroup> StaticConfigs { get; init; } = [];

    public IReadOnlyList<FileSdConfig> FileSdConfigs { get; init; } = [];

    public IReadOnlyList<HttpSdConfig> HttpSdConfigs { get; init; } = [];

    public IReadOnlyList<DnsSdConfig> DnsSdConfigs { get; init; } = [];

    public static ServiceDiscoveryConfigs Empty { get; } = new();

    /// <summary>Reads the SD sections of <paramref name="map"/>; an unsupported kind is an error.</summary>
    internal static ServiceDiscoveryConfigs Read(ConfigContext context, Yaml.YamlMap map)
    {
        foreach (var key in map.Keys)
        {
            if (UnsupportedKinds.Contains(key))
            {
                throw map.Source.Error(map.PositionOf(key), $"{key} is not supported by Argus yet");
            }
        }
        var source = map.Source;
        var index = 0;
        return new ServiceDiscoveryConfigs
        {
            StaticConfigs = map.List("static_configs", "[]*targetgroup.Group", n =>
                Yaml.YamlSource.IsNull(n)
                    ? throw source.Error(n, "empty or null section in static_configs")
                    : TargetGroup.Read(source, n, (index++).ToString(System.Globalization.CultureInfo.InvariantCulture))),
            FileSdConfigs = map.List("file_sd_configs", "[]*file.SDConfig", n => FileSdConfig.Read(context, Entry(source, n, "file_sd_configs", "file.SDConfig"))),
            HttpSdConfigs = map.List("http_sd_configs", "[]*http.SDConfig", n => HttpSdConfig.Read(context, Entry(source, n, "http_sd_configs", "http.SDConfig"))),
            DnsSdConfigs = map.List("dns_sd_configs", "[]*dns.SDConfig", n => DnsSdConfig.Read(Entry(source, n, "dns_sd_configs", "dns.SDConfig"))),
        };
    }

    /// <summary>True when no discovery mechanism is configured.</summary>
    public bool IsEmpty => StaticConfigs.Count == 0 && FileSdConfigs.Count == 0 && HttpSdConfigs.Count == 0 && DnsSdConfigs.Count == 0;

    /// <summary>Prometheus' check for URLs written as static targets (only done when there are
    /// no relabel rules that could rewrite <c>__address__</c>).</summary>
    internal void CheckStaticTargets(Yaml.YamlMap map)
    {
        foreach (var group in StaticConfigs)
        {
            foreach (var target in group.Targets)
            {
                var address = target.Get(LabelNames.Address);
                if (address.Contains('/', StringComparison.Ordinal))
                {
                    throw map.ErrorAt("static_configs", $"\"{address}\" is not a valid hostname");
                }
            }
        }
    }

    private static Yaml.YamlMap Entry(Yaml.YamlSource source, YamlDotNet.RepresentationModel.YamlNode node, string section, string type) =>
        Yaml.YamlSource.IsNull(node) ? throw source.Error(node, $"empty or null section in {section}") : source.Map(node, type);
}
