using System.Text.Json.Nodes;
using Argus.Config;
using Argus.Config.Yaml;
using YamlDotNet.RepresentationModel;

namespace Argus.Alerting.Config.Receivers;

/// <summary><c>jira_configs</c>: opens (and reopens or resolves) Jira issues; needs <c>project</c>,
/// <c>issue_type</c> and an API URL (own or <c>global.jira_api_url</c>, which has no default).
/// <c>summary</c> and <c>description</c> are a template or <c>{template, enable_update}</c>, <c>labels</c> a
/// list or <c>{values, enable_update}</c>; <c>fields</c> are free-form issue fields (string leaves are templates).</summary>
public sealed class JiraConfig : NotifierConfig
{
    public override string Kind => "jira_configs";

    public required ConfigUrl ApiUrl { get; init; }

    /// <summary><c>auto</c> (default), <c>cloud</c> or <c>datacenter</c>.</summary>
    public string ApiType { get; init; } = "auto";

    public required string Project { get; init; }

    public string Summary { get; init; } = "{{ template \"jira.default.summary\" . }}";

    /// <summary>Whether an update of an existing issue rewrites the summary (default true).</summary>
    public bool UpdateSummary { get; init; } = true;

    public string Description { get; init; } = "{{ template \"jira.default.description\" . }}";

    /// <summary>Whether an update of an existing issue rewrites the description (default true).</summary>
    public bool UpdateDescription { get; init; } = true;

    public IReadOnlyList<string> Labels { get; init; } = [];

    /// <summary>Whether an update of an existing issue rewrites the labels (default true).</summary>
    public bool UpdateLabels { get; init; } = true;

    public string Priority { get; init; } = "{{ template \"jira.default.priority\" . }}";

    public required string IssueType { get; init; }

    public string? ReopenTransition { get; init; }

    public string? ResolveTransition { get; init; }

    public string? WontFixResolution { get; init; }

    public TimeSpan ReopenDuration { get; init; }

    /// <summary>Other issue fields by id (<c>components</c>, <c>customfield_10001</c>, …). Read-only: a notifier expands a copy.</summary>
    public IReadOnlyList<KeyValuePair<string, JsonNode?>> Fields { get; init; } = [];

    internal static JiraConfig Read(ReaderContext ctx, YamlMap map)
    {
        var common = ReadCommon(ctx, map, sendResolvedDefault: true);
        var apiUrl = ctx.HttpUrl(map, "api_url") ?? ctx.Global.JiraApiUrl;
        var fields = new List<KeyValuePair<string, JsonNode?>>();
        if (map.Take("fields") is { } fieldsNode && !YamlSource.IsNull(fieldsNode))
        {
            var fieldMap = ctx.Source.Map(fieldsNode, "map[string]any");
            foreach (var (key, value) in fieldMap.Entries)
            {
                fields.Add(new(ctx.Source.String(key), FreeformValues.FromYaml(value)));
            }
            fieldMap.MarkAllRead();
        }
        var summary = ReadField(ctx, map, "summary", "{{ template \"jira.default.summary\" . }}");
        var description = ReadField(ctx, map, "description", "{{ template \"jira.default.description\" . }}");
        var labels = ReadLabels(ctx, map);
        var config = new JiraConfig
        {
            SendResolved = common.SendResolved,
            HttpConfig = common.HttpConfig,
            HasOwnHttpConfig = common.OwnHttpConfig,
            Line = common.Line,
            ApiUrl = apiUrl ?? throw map.Error("no global Jira Cloud URL set"),
            ApiType = GlobalConfig.NullIfEmpty(map.String("api_type")) ?? "auto",
            Project = map.String("project") ?? string.Empty,
            Summary = summary.Template,
            UpdateSummary = summary.Update,
            Description = description.Template,
            UpdateDescription = description.Update,
            Labels = labels.Values,
            UpdateLabels = labels.Update,
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

    /// <summary>A text field given as a template string or as <c>{template, enable_update}</c>.</summary>
    private static (string Template, bool Update) ReadField(ReaderContext ctx, YamlMap map, string key, string defaultTemplate)
    {
        var node = map.Take(key);
        if (node is null || YamlSource.IsNull(node))
        {
            return (defaultTemplate, true);
        }
        if (node is not YamlMappingNode)
        {
            return (ctx.Source.String(node), true);
        }
        var section = ctx.Source.Map(node, "jira.JiraFieldConfig");
        var result = (section.String("template") ?? defaultTemplate, section.Bool("enable_update", true));
        section.EnsureAllRead();
        return result;
    }

    /// <summary>Labels given as a list or as <c>{values, enable_update}</c>.</summary>
    private static (IReadOnlyList<string> Values, bool Update) ReadLabels(ReaderContext ctx, YamlMap map)
    {
        var node = map.Take("labels");
        if (node is null || YamlSource.IsNull(node))
        {
            return ([], true);
        }
        if (node is not YamlMappingNode)
        {
            return (ctx.Source.StringList(node), true);
        }
        var section = ctx.Source.Map(node, "jira.JiraLabelsConfig");
        var result = (section.StringList("values") ?? [], section.Bool("enable_update", true));
        section.EnsureAllRead();
        return result;
    }
}
