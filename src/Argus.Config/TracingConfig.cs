using Argus.Config.Http;

namespace Argus.Config;

/// <summary>The <c>tracing</c> section: OTLP trace export (client type grpc by default).</summary>
public sealed class TracingConfig
{
    public string ClientType { get; init; } = "grpc";

    public string Endpoint { get; init; } = string.Empty;

    public double SamplingFraction { get; init; }

    public bool Insecure { get; init; }

    public TlsConfig TlsConfig { get; init; } = new();

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>Empty or <c>gzip</c>.</summary>
    public string Compression { get; init; } = string.Empty;

    public TimeSpan Timeout { get; init; }

    internal static TracingConfig Read(ConfigContext context, Yaml.YamlMap map)
    {
        var clientType = map.String("client_type") ?? "grpc";
        if (clientType is not ("http" or "grpc"))
        {
            throw map.ErrorAt("client_type", $"expected tracing client type to be to be http or grpc, but got {clientType}");
        }
        var headers = Remote.RemoteHeaders.Read(map, "custom authorization header configuration is not yet supported");
        var config = new TracingConfig
        {
            ClientType = clientType,
            Endpoint = map.String("endpoint") ?? string.Empty,
            SamplingFraction = map.Double("sampling_fraction") ?? 0,
            Insecure = map.Bool("insecure", false),
            TlsConfig = map.Map("tls_config", "config.TLSConfig") is { } tls ? TlsConfig.Read(context, tls) : new TlsConfig(),
            Headers = headers,
            Compression = map.String("compression") ?? string.Empty,
            Timeout = map.Duration("timeout", TimeSpan.Zero),
        };
        map.EnsureAllRead();
        if (config.Endpoint.Length == 0)
        {
            throw map.Error("tracing endpoint must be set");
        }
        if (config.Compression.Length != 0 && config.Compression != "gzip")
        {
            throw map.ErrorAt("compression", $"invalid compression type {config.Compression} provided, valid options: gzip");
        }
        return config;
    }
}
