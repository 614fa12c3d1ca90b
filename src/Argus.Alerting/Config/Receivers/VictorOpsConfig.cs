using Argus.Config;
using Argus.Config.Yaml;

namespace Argus.Alerting.Config.Receivers;

/// <summary><c>victorops_configs</c> (Splunk On-Call): needs a routing key; the API key and URL come from
/// <c>global</c> when unset. Custom fields may not reuse the payload's fixed field names.</summary>
public sealed class VictorOpsConfig : NotifierConfig
{
    private static readonly string[] ReservedFields =
        ["routing_key", "message_type", "state_message", "entity_display_name", "monitoring_tool", "entity_id", "entity_state"];

    public override string Kind => "victorops_configs";

    public Secret? ApiKey { get; init; }

    public string? ApiKeyFile { get; init; }

    public required ConfigUrl ApiUrl { get; init; }

    public required string RoutingKey { get; init; }

    public string MessageType { get; init; } = "CRITICAL";

    public string StateMessage { get; init; } = "{{ template \"victorops.default.state_message\" . }}";

    public string EntityDisplayName { get; init; } = "{{ template \"victorops.default.entity_display_name\" . }}";

    public string MonitoringTool { get; init; } = "{{ template \"victorops.default.monitoring_tool\" . }}";

    public IReadOnlyList<KeyValuePair<string, string>> CustomFields { get; init; } = [];

    internal static VictorOpsConfig Read(ReaderContext ctx, YamlMap map)
    {
        var g = ctx.Global;
        var common = ReadCommon(ctx, map, sendResolvedDefault: true);
        var key = ctx.SecretOrFile(map, "api_key", "api_key_file");
        var apiUrl = ctx.HttpUrl(map, "api_url") ?? g.VictorOpsApiUrl;
        if (!apiUrl.Text.EndsWith('/'))
        {
            apiUrl = ConfigUrl.Parse(apiUrl.Text + "/");
        }
        var config = new VictorOpsConfig
        {
            SendResolved = common.SendResolved,
            HttpConfig = common.HttpConfig,
            HasOwnHttpConfig = common.OwnHttpConfig,
            Line = common.Line,
            ApiKey = key.Value ?? g.VictorOpsApiKey,
            ApiKeyFile = key.File ?? g.VictorOpsApiKeyFile,
            ApiUrl = apiUrl,
            RoutingKey = map.String("routing_key") ?? string.Empty,
            MessageType = GlobalConfig.NullIfEmpty(map.String("message_type")) ?? "CRITICAL",
            StateMessage = map.String("state_message") ?? "{{ template \"victorops.default.state_message\" . }}",
            EntityDisplayName = map.String("entity_display_name") ?? "{{ template \"victorops.default.entity_display_name\" . }}",
            MonitoringTool = map.String("monitoring_tool") ?? "{{ template \"victorops.default.monitoring_tool\" . }}",
            CustomFields = map.StringMap("custom_fields") ?? [],
        };
        map.EnsureAllRead();
        if (config.RoutingKey.Length == 0)
        {
            throw map.Error("missing Routing key in VictorOps config");
        }
        foreach (var (name, _) in config.CustomFields)
        {
            if (ReservedFields.Contains(name))
            {
                throw map.ErrorAt("custom_fields", $"victorOps config contains custom field {name} which cannot be used as it conflicts with the fixed/static fields");
            }
        }
        if (config.ApiKey is null && config.ApiKeyFile is null)
        {
            throw map.Error("no global VictorOps API Key set");
        }
        return config;
    }
}
