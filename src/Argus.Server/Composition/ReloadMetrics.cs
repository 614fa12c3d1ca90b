using System.Security.Cryptography;
using System.Text;
using Argus.Instrumentation.Metrics;
using Argus.Server.Config;

namespace Argus.Server.Composition;

/// <summary>The configuration-reload metrics Prometheus exposes, under Argus's prefix.</summary>
internal sealed class ReloadMetrics(MetricsRegistry registry)
{
    private readonly Gauge _successful = registry.Gauge("argus_config_last_reload_successful",
        "Whether the last configuration reload attempt succeeded (1) or failed (0).");

    private readonly Gauge _successTimestamp = registry.Gauge("argus_config_last_reload_success_timestamp_seconds",
        "Unix time of the last successful configuration reload.");

    private readonly Gauge _configHash = registry.Gauge("argus_config_hash",
        "Hash of the configuration in force (the first 48 bits of the SHA-256 of its text), to tell configurations apart.");

    /// <summary>Whether the last load or reload succeeded (for <c>/api/v1/status/runtimeinfo</c>).</summary>
    public bool LastSucceeded { get; private set; } = true;

    public void Succeeded(LoadedConfig config)
    {
        LastSucceeded = true;
        _successful.Set(1);
        _successTimestamp.Set(config.LoadedAt.ToUnixTimeMilliseconds() / 1000.0);
        _configHash.Set(HashOf(config.Text));
    }

    /// <summary>48 bits of the text's SHA-256: small enough to be exact in a float sample.</summary>
    public static double HashOf(string text)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        long value = 0;
        for (var i = 0; i < 6; i++)
        {
            value = (value << 8) | digest[i];
        }
        return value;
    }

    public void Failed()
    {
        LastSucceeded = false;
        _successful.Set(0);
    }
}
