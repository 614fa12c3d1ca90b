using Argus.Config.Http;

namespace Argus.Alerting.Config;

/// <summary>The <c>tracing</c> section: where Argus' Alertmanager side exports OpenTelemetry spans.</summary>
public sealed class TracingConfig
{
    /// <summary><c>grpc</c> (default) or <c>http</c>.</summary>
    public string ClientType { get; init; } = "grpc";

    /// <summary><c>host:port</c> of the collector; null disables tracing.</summary>
    public string? Endpoint { get; init; }

    public double SamplingFraction { get; init; }

    public bool Insecure { get; init; }

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary><c>gzip</c> or null.</summary>
    public string? Compression { get; init; }

    public TimeSpan Timeout { get; init; }

    public TlsConfig? TlsConfig { get; init; }
}
