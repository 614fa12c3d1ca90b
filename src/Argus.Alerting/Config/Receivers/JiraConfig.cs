using Argus.Config;
using Argus.Config.Yaml;

namespace Argus.Alerting.Config.Receivers;

/// <summary><c>jira_configs</c>: opens (and reopens or resolves) Jira issues; needs <c>project</c>,
/// <c>issue_type</c> and an API URL (own or <c>global.jira_api_url</c>, which has no default).
/// <c>fields</c> are free-form custom fields kept as YAML text values.</summary>
public sealed class JiraConfig : NotifierConfig
{
    public override string Kind => "jira_configs";

    public required ConfigUrl ApiUrl { get; init; }

    /// <summary><c>auto</c> (default), <c>cloud</c> or <c>datacenter</c>.</summary>
    public string ApiType { get; init; } = "auto";

    public required string Project { get; init; }

    public string Summary { get; init; } = "{{ template \"jira.default.summary\" . }}";

    public string Description { get; init; } = "{{ template \"jira.default.description\" . }}";

    public IReadOnlyList<string> Labels { get; init; } = [];

    public string Priority { get; init; } = "{{ template \"jira.default.priority\" . }}";

    public required string IssueType { get; init; }

    public string? ReopenTransition { get; init; }

    public string? ResolveTransition { get; init; }

    public string? WontFixResolution { get; init; }

    public TimeSpan ReopenDuration { get; init; }

    /// <summary>Custom fields by id; values are the YAML nodes' text (scalars) or YAML source (structures).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Fields { get; init; } = [];

    internal static JiraConfig Read(ReaderContext ctx, YamlMap map)
    {
        var common = ReadCommon(ctx, map, sendResolvedDefault: true);
        var apiUrl = ctx.HttpUrl(map, "api_url") ?? ctx.Global.JiraApiUrl;
        var fields = new List<KeyValuePair<string, string>>();
        if (map.Map("fields", "map[string]any") is { } fieldMap)
        {
            foreach (var (key, value) in fieldMap.Entries)
            {
                fields.Add(new(ctx.Source.String(key), value is YamlDotNet.RepresentationModel.YamlScalarNode ? ctx.Source.String(value) : value.ToString()));
            }
            fieldMap.MarkAllRead();
        }
        var config = new JiraConfig
        {
            SendResolved = common.SendResolved,
            HttpConfig = common.HttpConfig,
            HasOwnHttpConfig = common.OwnHttpConfig,
            Line = common.Line,
            ApiUrl = apiUrl ?? throw map.Error("no global Jira Cloud URL set"),
            ApiType = GlobalConfig.NullIfEmpty(map.String("api_type")) ?? "auto",
            Project = map.String("project") ?? string.Empty,
            Summary = map.String("summary") ?? "{{ template \"jira.default.summary\" . }}",
            Description = map.String("description") ?? "{{ template \"jira.default.description\" . }}",
            Labels = map.StringList("labels") ?? [],
            Priority = map.String("priority") ?? "{{ template \"jira.default.priority\" . }}",
            IssueType = map.String("issue_type") ?? string.Empty,
            ReopenTransition = map.String("reopen_transition"),
            ResolveTransition = map.String("resolve_transition"),
            WontFixResolution = map.String("wont_fix_resolution"),
            ReopenDuration = map.Duration("reopen_duration") ?? TimeSpan.Zero,
            Fields = fields,
        };
        map.EnsureAllRead();
        if (config.Project.Length == 0)
        {
            throw map.Error("missing project in jira_config");
        }
        if (config.IssueType.Length == 0)
        {
            throw map.Error("missing issue_type in jira_config");
        }
        if (config.ApiType is not ("auto" or "cloud" or "datacenter"))
        {
            throw map.ErrorAt("api_type", $"invalid api_type \"{config.ApiType}\": must be auto, cloud or datacenter");
        }
        return config;
    }
}
