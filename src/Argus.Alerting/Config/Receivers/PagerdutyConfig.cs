using System.Text.Json.Nodes;
using Argus.Config;
using Argus.Config.Yaml;

namespace Argus.Alerting.Config.Receivers;

/// <summary><c>pagerduty_configs</c>: Events API v2 with a routing key (or v1 with a service key). <c>details</c>
/// are free-form values (strings are templates); the four default entries are added unless the entry overrides
/// them; <c>source</c> defaults to <c>client</c>.</summary>
public sealed class PagerdutyConfig : NotifierConfig
{
    private const string DefaultClient = "{{ template \"pagerduty.default.client\" . }}";

    /// <summary>Alertmanager's default details: the alerts as JSON (which become structured details) and their counts.</summary>
    private static readonly (string Key, string Template)[] DefaultDetailTemplates =
    [
        ("firing", "{{ .Alerts.Firing | toJson }}"),
        ("resolved", "{{ .Alerts.Resolved | toJson }}"),
        ("num_firing", "{{ .Alerts.Firing | len }}"),
        ("num_resolved", "{{ .Alerts.Resolved | len }}"),
    ];

    public override string Kind => "pagerduty_configs";

    public Secret? ServiceKey { get; init; }

    public string? ServiceKeyFile { get; init; }

    public Secret? RoutingKey { get; init; }

    public string? RoutingKeyFile { get; init; }

    public required ConfigUrl Url { get; init; }

    public string Client { get; init; } = DefaultClient;

    public string ClientUrl { get; init; } = "{{ template \"pagerduty.default.clientURL\" . }}";

    public string Description { get; init; } = "{{ template \"pagerduty.default.description\" .}}";

    /// <summary>Custom details by key; string leaves are templates. Read-only: a notifier expands a copy.</summary>
    public IReadOnlyList<KeyValuePair<string, JsonNode?>> Details { get; init; } = WithDefaultDetails([]);

    public IReadOnlyList<PagerdutyImage> Images { get; init; } = [];

    public IReadOnlyList<PagerdutyLink> Links { get; init; } = [];

    public string Source { get; init; } = DefaultClient;

    public string? Severity { get; init; }

    public string? Class { get; init; }

    public string? Component { get; init; }

    public string? Group { get; init; }

    public TimeSpan Timeout { get; init; }

    internal static PagerdutyConfig Read(ReaderContext ctx, YamlMap map)
    {
        var common = ReadCommon(ctx, map, sendResolvedDefault: true);
        var serviceKey = ctx.SecretOrFile(map, "service_key", "service_key_file");
        var routingKey = ctx.SecretOrFile(map, "routing_key", "routing_key_file");
        var client = map.String("client") ?? DefaultClient;
        var details = new List<KeyValuePair<string, JsonNode?>>();
        if (map.Take("details") is { } detailsNode && !YamlSource.IsNull(detailsNode))
        {
            var detailsMap = ctx.Source.Map(detailsNode, "map[string]any");
            foreach (var (key, value) in detailsMap.Entries)
            {
                details.RemoveAll(d => d.Key == ctx.Source.String(key));
                details.Add(new(ctx.Source.String(key), FreeformValues.FromYaml(value)));
            }
            detailsMap.MarkAllRead();
        }
        var config = new PagerdutyConfig
        {
            SendResolved = common.SendResolved,
            HttpConfig = common.HttpConfig,
            HasOwnHttpConfig = common.OwnHttpConfig,
            Line = common.Line,
            ServiceKey = serviceKey.Value,
            ServiceKeyFile = serviceKey.File,
            RoutingKey = routingKey.Value,
            RoutingKeyFile = routingKey.File,
            Url = ctx.HttpUrl(map, "url") ?? ctx.Global.PagerdutyUrl,
            Client = client,
            ClientUrl = map.String("client_url") ?? "{{ template \"pagerduty.default.clientURL\" . }}",
            Description = map.String("description") ?? "{{ template \"pagerduty.default.description\" .}}",
            Details = WithDefaultDetails(details),
            Images = map.List("images", "[]config.PagerdutyImage", n =>
            {
                var m = ctx.Source.Map(n, "config.PagerdutyImage");
                var image = new PagerdutyImage(m.String("src"), m.String("alt"), m.String("href"));
                m.EnsureAllRead();
                return image;
            }),
            Links = map.List("links", "[]config.PagerdutyLink", n =>
            {
                var m = ctx.Source.Map(n, "config.PagerdutyLink");
                var link = new PagerdutyLink(m.String("href"), m.String("text"));
                m.EnsureAllRead();
                return link;
            }),
            Source = GlobalConfig.NullIfEmpty(map.String("source")) ?? client,
            Severity = map.String("severity"),
            Class = map.String("class"),
            Component = map.String("component"),
            Group = map.String("group"),
            Timeout = map.Duration("timeout") ?? TimeSpan.Zero,
        };
        map.EnsureAllRead();
        if (config.RoutingKey is null && config.RoutingKeyFile is null && config.ServiceKey is null && config.ServiceKeyFile is null)
        {
            throw map.Error("missing service or routing key in PagerDuty config");
        }
        return config;
    }

    private static List<KeyValuePair<string, JsonNode?>> WithDefaultDetails(List<KeyValuePair<string, JsonNode?>> details)
    {
        foreach (var (key, template) in DefaultDetailTemplates)
        {
            if (!details.Exists(d => d.Key == key))
            {
                details.Add(new(key, JsonValue.Create(template)));
            }
        }
        return details;
    }
}
