using Argus.Config.Http;
using Argus.Config.Yaml;
using YamlDotNet.RepresentationModel;

namespace Argus.Config.Remote;

/// <summary>One <c>remote_read</c> entry. Defaults: timeout 1m, chunked read limit 50 MB,
/// external labels used as filters.</summary>
public sealed class RemoteReadConfig
{
    public required ConfigUrl Url { get; init; }

    public TimeSpan RemoteTimeout { get; init; } = TimeSpan.FromMinutes(1);

    public ulong ChunkedReadLimit { get; init; } = 50_000_000;

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    public bool ReadRecent { get; init; }

    public string Name { get; init; } = string.Empty;

    public HttpClientConfig HttpClient { get; init; } = HttpClientConfig.Default;

    /// <summary>Equality matchers a selector must contain for this endpoint to be queried.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> RequiredMatchers { get; init; } = [];

    public bool FilterExternalLabels { get; init; } = true;

    internal static RemoteReadConfig Read(ConfigContext context, YamlNode node)
    {
        var source = context.Source;
        if (YamlSource.IsNull(node))
        {
            throw source.Error(node, "empty or null remote read config section");
        }
        var map = source.Map(node, "config.RemoteReadConfig");
        var url = map.Url("url", requireAbsolute: false);
        if (url is null || url.Text.Length == 0)
        {
            throw map.ErrorAt("url", "url for remote_read is empty");
        }
        var headers = RemoteHeaders.Read(map, "authorization header must be changed via the basic_auth, authorization, oauth2, sigv4, azuread or google_iam parameter");
        var matchers = map.StringMap("required_matchers", "model.LabelSet") ?? [];
        foreach (var (name, _) in matchers)
        {
            if (!Argus.Model.Labels.LabelNames.IsValidUtf8Name(name))
            {
                throw map.ErrorAt("required_matchers", $"\"{name}\" is not a valid label name");
            }
        }
        var config = new RemoteReadConfig
        {
            Url = url,
            RemoteTimeout = map.Duration("remote_timeout", TimeSpan.FromMinutes(1)),
            ChunkedReadLimit = map.UInt64("chunked_read_limit") ?? 50_000_000,
            Headers = headers,
            ReadRecent = map.Bool("read_recent", false),
            Name = map.String("name") ?? string.Empty,
            HttpClient = HttpClientConfig.Read(context, map),
            RequiredMatchers = matchers,
            FilterExternalLabels = map.Bool("filter_external_labels", true),
        };
        map.EnsureAllRead();
        return config;
    }
}
