using System.Globalization;
using Argus.Config;
using Argus.Config.Yaml;
using Argus.PromQL.Ast;
using Argus.PromQL.Parser;
using Argus.Templates;
using Argus.Templates.Prometheus;
using YamlDotNet.RepresentationModel;

namespace Argus.Rules.Format;

/// <summary>
/// Loads a Prometheus rule file and validates it the way Prometheus' rule loader and promtool do:
/// strict fields, durations, names, one of <c>record</c>/<c>alert</c>, <c>expr</c> parsed as PromQL,
/// no <c>for</c>/<c>keep_firing_for</c>/<c>annotations</c> on recording rules, unique group names, and
/// alerting-rule label and annotation templates parsed as Go templates. Unlike a first-error loader it
/// collects every problem, each as <c>file:line:col: cause</c>. Stateless and thread-safe.
/// </summary>
public static class RuleFileParser
{
    private static readonly TemplateFunctions ParseFunctions = PrometheusTemplateFunctions.Create(new PrometheusTemplateOptions());

    /// <summary>Reads and parses <paramref name="path"/>; an unreadable file is one error.</summary>
    public static RuleFileParseResult ParseFile(string path, RuleFileOptions? options = null)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new RuleFileParseResult([], [$"{path}: cannot read rule file: {e.Message}"]);
        }
        return Parse(text, path, options);
    }

    /// <summary>Parses <paramref name="text"/>, naming <paramref name="fileName"/> in messages.</summary>
    public static RuleFileParseResult Parse(string text, string fileName, RuleFileOptions? options = null)
    {
        options ??= RuleFileOptions.Default;
        YamlSource source;
        try
        {
            source = YamlSource.Parse(text, fileName);
        }
        catch (ConfigException e)
        {
            return new RuleFileParseResult([], [e.Message]);
        }
        var errors = new List<string>();
        var groups = new List<RuleGroupDefinition>();
        if (source.Root is null)
        {
            return new RuleFileParseResult(groups, errors);
        }
        var context = new RuleFileParseContext(fileName, errors, options);
        if (source.Root is not YamlMappingNode root)
        {
            context.Error(source.Root, "a rule file must be a mapping with a \"groups\" list");
            return new RuleFileParseResult(groups, errors);
        }
        var groupNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in root.Children)
        {
            var name = RuleFileParseContext.Key(key);
            if (name != "groups")
            {
                context.UnknownField(key, name, "rule file");
                continue;
            }
            if (YamlSource.IsNull(value))
            {
                continue;
            }
            if (value is not YamlSequenceNode list)
            {
                context.Error(value, "\"groups\" must be a list of rule groups");
                continue;
            }
            foreach (var node in list.Children)
            {
                if (ParseGroup(node, context, groupNames) is { } group)
                {
                    groups.Add(group);
                }
            }
        }
        return new RuleFileParseResult(groups, errors);
    }

    private static RuleGroupDefinition? ParseGroup(YamlNode node, RuleFileParseContext context, HashSet<string> groupNames)
    {
        if (node is not YamlMappingNode map)
        {
            context.Error(node, "a rule group must be a mapping");
            return null;
        }
        string? name = null;
        TimeSpan? interval = null, queryOffset = null;
        var limit = 0;
        IReadOnlyList<KeyValuePair<string, string>> labels = [];
        var rules = new List<RuleDefinition>();
        foreach (var (key, value) in RuleFileParseContext.Entries(map))
        {
            var field = RuleFileParseContext.Key(key);
            switch (field)
            {
                case "name":
                    name = context.String(value, field);
                    if (name is { Length: 0 })
                    {
                        context.Error(value, "groupname must not be empty");
                    }
                    else if (name is not null && !groupNames.Add(name))
                    {
                        context.Error(value, $"groupname: \"{name}\" is repeated in the same file");
                    }
                    break;
                case "interval":
                    interval = context.Duration(value, field);
                    break;
                case "query_offset":
                    queryOffset = context.Duration(value, field);
                    break;
                case "limit":
                    if (context.String(value, field) is { } text)
                    {
                        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit))
                        {
                            context.Error(value, $"\"limit\" must be a non-negative integer, got \"{text}\"");
                        }
                    }
                    break;
                case "labels":
                    labels = context.Labels(value, field, isAnnotations: false);
                    break;
                case "rules":
                    if (YamlSource.IsNull(value))
                    {
                        break;
                    }
                    if (value is not YamlSequenceNode list)
                    {
                        context.Error(value, "\"rules\" must be a list of rules");
                        break;
                    }
                    foreach (var ruleNode in list.Children)
                    {
                        if (ParseRule(ruleNode, context) is { } rule)
                        {
                            rules.Add(rule);
                        }
                    }
                    break;
                default:
                    context.UnknownField(key, field, "rule group");
                    break;
            }
        }
        if (name is null)
        {
            context.Error(map, "rule group has no \"name\"");
            return null;
        }
        return new RuleGroupDefinition
        {
            Name = name,
            File = context.FileName,
            Interval = interval,
            QueryOffset = queryOffset,
            Limit = limit,
            Labels = labels,
            Rules = rules,
        };
    }

    private static RuleDefinition? ParseRule(YamlNode node, RuleFileParseContext context)
    {
        if (node is not YamlMappingNode map)
        {
            context.Error(node, "a rule must be a mapping");
            return null;
        }
        string? record = null, alert = null, expr = null;
        YamlNode? recordNode = null, exprNode = null;
        TimeSpan forDuration = TimeSpan.Zero, keepFiringFor = TimeSpan.Zero;
        IReadOnlyList<KeyValuePair<string, string>> labels = [], annotations = [];
        var labelValues = new List<(string Name, string Value, YamlNode Node)>();
        var alertOnly = new List<(string Field, YamlNode Key)>();
        foreach (var (key, value) in RuleFileParseContext.Entries(map))
        {
            var field = RuleFileParseContext.Key(key);
            switch (field)
            {
                case "record":
                    record = context.String(value, field);
                    recordNode = value;
                    break;
                case "alert":
                    alert = context.String(value, field);
                    break;
                case "expr":
                    expr = context.String(value, field);
                    exprNode = value;
                    break;
                case "for":
                    forDuration = context.Duration(value, field) ?? TimeSpan.Zero;
                    alertOnly.Add((field, key));
                    break;
                case "keep_firing_for":
                    keepFiringFor = context.Duration(value, field) ?? TimeSpan.Zero;
                    alertOnly.Add((field, key));
                    break;
                case "labels":
                    labels = context.Labels(value, field, isAnnotations: false);
                    CollectTemplates(value, labelValues);
                    break;
                case "annotations":
                    annotations = context.Labels(value, field, isAnnotations: true);
                    CollectTemplates(value, labelValues);
                    alertOnly.Add((field, key));
                    break;
                default:
                    context.UnknownField(key, field, "rule");
                    break;
            }
        }
        record = string.IsNullOrEmpty(record) ? null : record;
        alert = string.IsNullOrEmpty(alert) ? null : alert;
        if (record is not null && alert is not null)
        {
            context.Error(map, "only one of 'record' and 'alert' must be set");
        }
        else if (record is null && alert is null)
        {
            context.Error(map, "one of 'record' or 'alert' must be set");
        }
        if (string.IsNullOrWhiteSpace(expr))
        {
            context.Error(exprNode ?? map, "field 'expr' must be set in rule");
        }
        else
        {
            try
            {
                var parsed = PromqlParser.Parse(expr);
                var experimental = ExperimentalSyntax.Used(parsed);
                if (experimental != ExperimentalSyntaxKinds.None && !context.Options.ExperimentalPromqlSyntax)
                {
                    context.Error(exprNode!, $"could not parse expression: {ExperimentalSyntax.Describe(experimental)}");
                }
            }
            catch (PromqlParseException e)
            {
                context.Error(exprNode!, $"could not parse expression: {e.Message}");
            }
        }
        if (record is not null && alert is null)
        {
            foreach (var (field, key) in alertOnly)
            {
                context.Error(key, $"invalid field '{field}' in recording rule");
            }
            if (record.Contains('{', StringComparison.Ordinal) || record.Contains('}', StringComparison.Ordinal))
            {
                context.Error(recordNode!, $"braces present in the recording rule name; should it be in expr?: {record}");
            }
            else if (!context.IsValidMetricName(record))
            {
                context.Error(recordNode!, $"invalid recording rule name: {record}");
            }
        }
        if (alert is not null)
        {
            foreach (var (labelName, text, valueNode) in labelValues)
            {
                try
                {
                    GoTemplate.Parse("__alert_" + alert, AlertTemplateExpander.Preamble + text, ParseFunctions);
                }
                catch (TemplateParseException e)
                {
                    context.Error(valueNode, $"template for {labelName} does not parse: {e.Message}");
                }
            }
        }
        return new RuleDefinition
        {
            Record = record,
            Alert = alert,
            Expr = expr ?? string.Empty,
            For = forDuration,
            KeepFiringFor = keepFiringFor,
            Labels = labels,
            Annotations = annotations,
            Line = (int)map.Start.Line,
        };
    }

    private static void CollectTemplates(YamlNode node, List<(string Name, string Value, YamlNode Node)> into)
    {
        if (node is not YamlMappingNode map)
        {
            return;
        }
        foreach (var (key, value) in RuleFileParseContext.Entries(map))
        {
            if (value is YamlScalarNode scalar)
            {
                into.Add((RuleFileParseContext.Key(key), scalar.Value ?? string.Empty, value));
            }
        }
    }
}
