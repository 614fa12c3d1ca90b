using Argus.Config.Discovery;
using Microsoft.Extensions.Logging;

namespace Argus.Scrape.Discovery;

/// <summary>Creates one discoverer per configured source of a scrape job or an Alertmanager set. The caller owns
/// and disposes them.</summary>
public static class DiscovererFactory
{
    public static List<ITargetDiscoverer> Create(ServiceDiscoveryConfigs sd, ILogger logger)
    {
        var result = new List<ITargetDiscoverer>();
        if (sd.StaticConfigs.Count > 0)
        {
            result.Add(new StaticDiscoverer(sd.StaticConfigs));
        }
        result.AddRange(sd.FileSdConfigs.Select((c, i) => (ITargetDiscoverer)new FileDiscoverer(c, i, logger)));
        result.AddRange(sd.HttpSdConfigs.Select((c, i) => (ITargetDiscoverer)new HttpDiscoverer(c, i)));
        result.AddRange(sd.DnsSdConfigs.Select((c, i) => (ITargetDiscoverer)new DnsDiscoverer(c, i)));
        return result;
    }
}
