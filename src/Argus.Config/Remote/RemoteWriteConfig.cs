using Argus.Config.Http;
using Argus.Config.Relabeling;
using Argus.Config.Yaml;
using YamlDotNet.RepresentationModel;

namespace Argus.Config.Remote;

/// <summary>One <c>remote_write</c> entry. Defaults: timeout 30s, protobuf message
/// <c>prometheus.WriteRequest</c> (v1), HTTP/2 off, redirects followed.</summary>
public sealed class RemoteWriteConfig
{
    public const string WriteV1Message = "prometheus.WriteRequest";
    public const string WriteV2Message = "io.prometheus.write.v2.Request";

    public required ConfigUrl Url { get; init; }

    public TimeSpan RemoteTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    public IReadOnlyList<RelabelConfig> WriteRelabelConfigs { get; init; } = [];

    /// <summary>Empty when not configured (Argus then names the queue by a hash of the config).</summary>
    public string Name { get; init; } = string.Empty;

    public bool SendExemplars { get; init; }

    public bool SendNativeHistograms { get; init; }

    public bool RoundRobinDns { get; init; }

    public string ProtobufMessage { get; init; } = WriteV1Message;

    public HttpClientConfig HttpClient { get; init; } = new() { EnableHttp2 = false };

    public QueueConfig QueueConfig { get; init; } = QueueConfig.Default;

    public MetadataConfig MetadataConfig { get; init; } = MetadataConfig.Default;

    public SigV4Config? SigV4 { get; init; }

    internal static RemoteWriteConfig Read(ConfigContext context, YamlNode node, NameValidationScheme scheme)
    {
        var source = context.Source;
        if (YamlSource.IsNull(node))
        {
            throw source.Error(node, "empty or null remote write config section");
        }
        var map = source.Map(node, "config.RemoteWriteConfig");
        var url = map.Url("url", requireAbsolute: false);
        if (url is null || url.Text.Length == 0)
        {
            throw map.ErrorAt("url", "url for remote_write is empty");
        }
        var relabel = map.List("write_relabel_configs", "[]*relabel.Config",
            n => RelabelConfig.Read(source, n, scheme, "empty or null relabeling rule in remote write config"));
        var headers = RemoteHeaders.Read(map, "authorization header must be changed via the basic_auth, authorization, oauth2, sigv4, azuread or google_iam parameter");
        var message = map.String("protobuf_message") ?? WriteV1Message;
        if (message is not (WriteV1Message or WriteV2Message))
        {
            throw map.ErrorAt("protobuf_message", $"invalid protobuf_message value: unknown remote write protobuf message {message}, supported: {WriteV1Message}, {WriteV2Message}");
        }
        var http = HttpClientConfig.Read(context, map, enableHttp2Default: false);
        var sigv4 = map.Map("sigv4", "sigv4.SigV4Config") is { } s ? SigV4Config.Read(s) : null;
        foreach (var unsupported in new[] { "azuread", "google_iam" })
        {
            if (map.Take(unsupported) is not null)
            {
                throw map.ErrorAt(unsupported, $"{unsupported} is not supported by Argus yet");
            }
        }
        var methods = new List<string>();
        if (http.BasicAuth is not null)
        {
            methods.Add("basic_auth");
        }
        if (http.Authorization is not null)
        {
            methods.Add("authorization");
        }
        if (http.OAuth2 is not null)
        {
            methods.Add("oauth2");
        }
        if (sigv4 is not null)
        {
            methods.Add("sigv4");
        }
        if (methods.Count > 1)
        {
            throw map.Error($"at most one of basic_auth, authorization, oauth2, sigv4, azuread or google_iam must be configured. Currently configured: [{string.Join(' ', methods)}]");
        }
        var config = new RemoteWriteConfig
        {
            Url = url,
            RemoteTimeout = map.Duration("remote_timeout", TimeSpan.FromSeconds(30)),
            Headers = headers,
            WriteRelabelConfigs = relabel,
            Name = map.String("name") ?? string.Empty,
            SendExemplars = map.Bool("send_exemplars", false),
            SendNativeHistograms = map.Bool("send_native_histograms", false),
            RoundRobinDns = map.Bool("round_robin_dns", false),
            ProtobufMessage = message,
            HttpClient = http,
            QueueConfig = map.Map("queue_config", "config.QueueConfig") is { } q ? QueueConfig.Read(q) : QueueConfig.Default,
            MetadataConfig = map.Map("metadata_config", "config.MetadataConfig") is { } m ? MetadataConfig.Read(m) : MetadataConfig.Default,
            SigV4 = sigv4,
        };
        map.EnsureAllRead();
        return config;
    }
}
