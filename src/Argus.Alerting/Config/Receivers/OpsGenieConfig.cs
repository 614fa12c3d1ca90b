using Argus.Config;
using Argus.Config.Yaml;
using YamlDotNet.RepresentationModel;

namespace Argus.Alerting.Config.Receivers;

/// <summary><c>opsgenie_configs</c>: creates OpsGenie alerts. The API key (inline or file) and URL are
/// inherited from <c>global</c> when the entry sets none; the URL always ends with a slash.</summary>
public sealed class OpsGenieConfig : NotifierConfig
{
    private static readonly string[] ResponderTypes = ["team", "teams", "user", "escalation", "schedule"];

    public override string Kind => "opsgenie_configs";

    public Secret? ApiKey { get; init; }

    public string? ApiKeyFile { get; init; }

    public required ConfigUrl ApiUrl { get; init; }

    public string Message { get; init; } = "{{ template \"opsgenie.default.message\" . }}";

    public string Description { get; init; } = "{{ template \"opsgenie.default.description\" . }}";

    public string Source { get; init; } = "{{ template \"opsgenie.default.source\" . }}";

    public IReadOnlyList<KeyValuePair<string, string>> Details { get; init; } = [];

    public string? Entity { get; init; }

    public IReadOnlyList<OpsGenieResponder> Responders { get; init; } = [];

    public string? Actions { get; init; }

    public string? Tags { get; init; }

    public string? Note { get; init; }

    public string? Priority { get; init; }

    public bool UpdateAlerts { get; init; }

    internal static OpsGenieConfig Read(ReaderContext ctx, YamlMap map)
    {
        var g = ctx.Global;
        var common = ReadCommon(ctx, map, sendResolvedDefault: true);
        var key = ctx.SecretOrFile(map, "api_key", "api_key_file");
        var apiUrl = ctx.HttpUrl(map, "api_url") ?? g.OpsGenieApiUrl;
        if (!apiUrl.Text.EndsWith('/'))
        {
            apiUrl = ConfigUrl.Parse(apiUrl.Text + "/");
        }
        var config = new OpsGenieConfig
        {
            SendResolved = common.SendResolved,
            HttpConfig = common.HttpConfig,
            HasOwnHttpConfig = common.OwnHttpConfig,
            Line = common.Line,
            ApiKey = key.Value ?? g.OpsGenieApiKey,
            ApiKeyFile = key.File ?? g.OpsGenieApiKeyFile,
            ApiUrl = apiUrl,
            Message = map.String("message") ?? "{{ template \"opsgenie.default.message\" . }}",
            Description = map.String("description") ?? "{{ template \"opsgenie.default.description\" . }}",
            Source = map.String("source") ?? "{{ template \"opsgenie.default.source\" . }}",
            Details = map.StringMap("details") ?? [],
            Entity = map.String("entity"),
            Responders = map.List("responders", "[]config.OpsGenieConfigResponder", n => ReadResponder(ctx, n)),
            Actions = map.String("actions"),
            Tags = map.String("tags"),
            Note = map.String("note"),
            Priority = map.String("priority"),
            UpdateAlerts = map.Bool("update_alerts", false),
        };
        map.EnsureAllRead();
        if (config.ApiKey is null && config.ApiKeyFile is null)
        {
            throw map.Error("no global OpsGenie API Key set either inline or in a file");
        }
        return config;
    }

    private static OpsGenieResponder ReadResponder(ReaderContext ctx, YamlNode node)
    {
        var map = ctx.Source.Map(node, "config.OpsGenieConfigResponder");
        var id = GlobalConfig.NullIfEmpty(map.String("id"));
        var name = GlobalConfig.NullIfEmpty(map.String("name"));
        var username = GlobalConfig.NullIfEmpty(map.String("username"));
        var type = map.String("type") ?? string.Empty;
        map.EnsureAllRead();
        if (id is null && name is null && username is null)
        {
            throw map.Error("opsGenieConfig responder has to have at least one of id, username or name specified");
        }
        if (!type.Contains("{{", StringComparison.Ordinal))
        {
            type = type.ToLowerInvariant();
            if (!ResponderTypes.Contains(type))
            {
                throw map.ErrorAt("type", $"opsGenieConfig responder type \"{type}\" does not match valid options team, teams, user, escalation, schedule");
            }
        }
        return new OpsGenieResponder(id, name, username, type);
    }
}
