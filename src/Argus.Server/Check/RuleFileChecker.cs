using Argus.Model.Labels;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Argus.Server.Check;

/// <summary>
/// Validates the structure of a Prometheus rule file: <c>groups</c> of <c>name</c>, <c>interval</c>,
/// <c>limit</c>, <c>query_offset</c>, <c>labels</c> and <c>rules</c>, each rule with <c>record</c> or
/// <c>alert</c>, <c>expr</c>, <c>for</c>, <c>keep_firing_for</c>, <c>labels</c> and <c>annotations</c>.
/// Unknown or misplaced fields, wrong value kinds, bad durations, bad names and repeated group names
/// are errors with <c>file:line:column</c>. PromQL expressions are only checked to be present.
/// </summary>
public static class RuleFileChecker
{
    private static readonly HashSet<string> GroupFields = new(StringComparer.Ordinal) { "name", "interval", "limit", "query_offset", "labels", "rules" };
    private static readonly HashSet<string> RuleFields = new(StringComparer.Ordinal) { "record", "alert", "expr", "for", "keep_firing_for", "labels", "annotations" };

    /// <summary>Checks <paramref name="text"/> (named <paramref name="fileName"/> in messages) and
    /// returns every error found plus the number of rules.</summary>
    public static RuleCheckResult Check(string text, string fileName)
    {
        var errors = new List<string>();
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            var inner = ex.InnerException?.Message ?? ex.Message;
            return new RuleCheckResult(0, [$"{fileName}:{ex.Start.Line}:{ex.Start.Column}: {inner}"]);
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return new RuleCheckResult(0, []);
        }
        var context = new RuleFileCheckContext(fileName, errors);
        var rules = 0;
        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            context.Error(stream.Documents[0].RootNode, "a rule file must be a mapping with a \"groups\" list");
            return new RuleCheckResult(0, errors);
        }
        var groupNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in root.Children)
        {
            var name = context.Key(key);
            if (name != "groups")
            {
                context.Error(key, $"field {name} not found in rule file (only \"groups\" is allowed)");
                continue;
            }
            if (value is YamlScalarNode { Value: null or "" })
            {
                continue;
            }
            if (value is not YamlSequenceNode groups)
            {
                context.Error(value, "\"groups\" must be a list of rule groups");
                continue;
            }
            foreach (var group in groups.Children)
            {
                rules += CheckGroup(group, context, groupNames);
            }
        }
        return new RuleCheckResult(rules, errors);
    }

    private static int CheckGroup(YamlNode node, RuleFileCheckContext context, HashSet<string> groupNames)
    {
        if (node is not YamlMappingNode group)
        {
            context.Error(node, "a rule group must be a mapping");
            return 0;
        }
        var rules = 0;
        string? groupName = null;
        foreach (var (key, value) in group.Children)
        {
            var field = context.Key(key);
            switch (field)
            {
                case "name":
                    groupName = context.String(value, "name");
                    if (groupName is { Length: 0 })
                    {
                        context.Error(value, "group name must not be empty");
                    }
                    else if (groupName is not null && !groupNames.Add(groupName))
                    {
                        context.Error(value, $"groupname: \"{groupName}\" is repeated in the same file");
                    }
                    break;
                case "interval":
                case "query_offset":
                    context.Duration(value, field);
                    break;
                case "limit":
                    if (context.String(value, field) is { } limit && !int.TryParse(limit, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _))
                    {
                        context.Error(value, $"\"limit\" must be a non-negative integer, got \"{limit}\"");
                    }
                    break;
                case "labels":
                    context.Labels(value, "labels");
                    break;
                case "rules":
                    if (value is YamlScalarNode { Value: null or "" })
                    {
                        break;
                    }
                    if (value is not YamlSequenceNode list)
                    {
                        context.Error(value, "\"rules\" must be a list of rules");
                        break;
                    }
                    foreach (var rule in list.Children)
                    {
                        CheckRule(rule, context);
                        rules++;
                    }
                    break;
                default:
                    context.Error(key, $"field {field} not found in rule group (allowed: {string.Join(", ", GroupFields)})");
                    break;
            }
        }
        if (groupName is null)
        {
            context.Error(group, "rule group has no \"name\"");
        }
        return rules;
    }

    private static void CheckRule(YamlNode node, RuleFileCheckContext context)
    {
        if (node is not YamlMappingNode rule)
        {
            context.Error(node, "a rule must be a mapping");
            return;
        }
        YamlNode? record = null, alert = null, expr = null;
        var alertOnly = new List<(string Field, YamlNode Key)>();
        foreach (var (key, value) in rule.Children)
        {
            var field = context.Key(key);
            switch (field)
            {
                case "record":
                    record = key;
                    if (context.String(value, field) is { } metric && !LabelNames.IsValidLegacyMetricName(metric))
                    {
                        context.Error(value, $"invalid recording rule name: {metric}");
                    }
                    break;
                case "alert":
                    alert = key;
                    if (context.String(value, field) is { Length: 0 })
                    {
                        context.Error(value, "alert name must not be empty");
                    }
                    break;
                case "expr":
                    expr = key;
                    if (context.String(value, field) is { } text && string.IsNullOrWhiteSpace(text))
                    {
                        context.Error(value, "field 'expr' must be set in rule");
                    }
                    break;
                case "for":
                case "keep_firing_for":
                    context.Duration(value, field);
                    alertOnly.Add((field, key));
                    break;
                case "labels":
                    context.Labels(value, field);
                    break;
                case "annotations":
                    context.Labels(value, field, checkNames: false);
                    alertOnly.Add((field, key));
                    break;
                default:
                    context.Error(key, $"field {field} not found in rule (allowed: {string.Join(", ", RuleFields)})");
                    break;
            }
        }
        if (record is not null && alert is not null)
        {
            context.Error(rule, "only one of 'record' and 'alert' must be set");
        }
        else if (record is null && alert is null)
        {
            context.Error(rule, "one of 'record' or 'alert' must be set");
        }
        if (expr is null)
        {
            context.Error(rule, "field 'expr' must be set in rule");
        }
        if (record is not null && alert is null)
        {
            foreach (var (field, key) in alertOnly)
            {
                context.Error(key, $"invalid field '{field}' in recording rule");
            }
        }
    }

}
