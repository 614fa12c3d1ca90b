using Argus.Model.Formatting;
using Argus.PromQL.Parser;
using Argus.Web.Api.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Argus.Web.Api.V1;

/// <summary>The endpoints that describe what the server is doing rather than what it stored: targets,
/// Alertmanagers, rules, alerts, and exemplars (none are stored, so that answer is always empty).</summary>
public sealed partial class PrometheusApi
{
    private void MapDiscovery(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/targets", context => RespondAsync(context, Targets));
        endpoints.MapGet("/api/v1/alertmanagers", context => RespondAsync(context, _ => Alertmanagers()));
        endpoints.MapGet("/api/v1/rules", context => RespondAsync(context, Rules));
        endpoints.MapGet("/api/v1/alerts", context => RespondAsync(context, _ => Alerts()));
        MapGetPost(endpoints, "/api/v1/query_exemplars", p => Task.FromResult(QueryExemplars(p)));
    }

    private ApiResponse Targets(ApiParameters p)
    {
        var state = (p.Get("state") ?? string.Empty).ToLowerInvariant();
        var poolFilter = p.Get("scrapePool") ?? string.Empty;
        var showActive = state is "" or "any" or "active";
        var showDropped = state is "" or "any" or "dropped";
        var pools = _sources.Targets().OrderBy(pool => pool.Name, StringComparer.Ordinal).ToList();
        var selected = pools.Where(pool => poolFilter.Length == 0 || pool.Name == poolFilter).ToList();
        return new ApiResponse(
            writer =>
            {
                writer.StartObject();
                writer.Name("activeTargets");
                writer.StartArray();
                if (showActive)
                {
                    foreach (var pool in selected)
                    {
                        foreach (var target in pool.Active)
                        {
                            WriteTarget(writer, pool.Name, target);
                        }
                    }
                }
                writer.EndArray();
                writer.Name("droppedTargets");
                writer.StartArray();
                if (showDropped)
                {
                    foreach (var pool in selected)
                    {
                        foreach (var labels in pool.Dropped)
                        {
                            writer.StartObject();
                            writer.Name("discoveredLabels");
                            WriteLabels(writer, labels);
                            writer.Property("scrapePool", pool.Name);
                            writer.EndObject();
                        }
                    }
                }
                writer.EndArray();
                // Prometheus leaves the counts out (null) when dropped targets were not asked for, and
                // otherwise counts every pool, whatever the scrapePool filter.
                writer.Name("droppedTargetCounts");
                if (showDropped)
                {
                    writer.StartObject();
                    foreach (var pool in pools)
                    {
                        writer.Name(pool.Name);
                        writer.Number(pool.Dropped.Count);
                    }
                    writer.EndObject();
                }
                else
                {
                    writer.Null();
                }
                writer.EndObject();
            },
            [],
            []);
    }

    private static void WriteTarget(GoJsonWriter writer, string pool, TargetStatus target)
    {
        writer.StartObject();
        writer.Name("discoveredLabels");
        WriteLabels(writer, target.DiscoveredLabels);
        writer.Name("labels");
        WriteLabels(writer, target.Labels);
        writer.Property("scrapePool", pool);
        writer.Property("scrapeUrl", target.ScrapeUrl);
        writer.Property("globalUrl", target.GlobalUrl);
        writer.Property("lastError", target.LastError);
        writer.Property("lastScrape", GoTimeText.Rfc3339Nano(target.LastScrape));
        writer.Name("lastScrapeDuration");
        writer.RawValue(GoFloat.FormatJson(target.LastScrapeDuration.TotalSeconds));
        writer.Property("health", target.Health);
        writer.Property("scrapeInterval", target.ScrapeInterval);
        writer.Property("scrapeTimeout", target.ScrapeTimeout);
        writer.EndObject();
    }

    private ApiResponse Alertmanagers()
    {
        var status = _sources.Alertmanagers();
        return new ApiResponse(
            writer =>
            {
                writer.StartObject();
                WriteUrls(writer, "activeAlertmanagers", status.Active);
                WriteUrls(writer, "droppedAlertmanagers", status.Dropped);
                writer.EndObject();
            },
            [],
            []);
    }

    private static void WriteUrls(GoJsonWriter writer, string name, IReadOnlyList<string> urls)
    {
        writer.Name(name);
        writer.StartArray();
        foreach (var url in urls)
        {
            writer.StartObject();
            writer.Property("url", url);
            writer.EndObject();
        }
        writer.EndArray();
    }

    /// <summary><c>/api/v1/rules</c> with Prometheus' filters: <c>type</c> (alert|record), <c>rule_name[]</c>,
    /// <c>rule_group[]</c>, <c>file[]</c> and <c>exclude_alerts</c>.</summary>
    private ApiResponse Rules(ApiParameters p)
    {
        var type = (p.Get("type") ?? string.Empty).ToLowerInvariant();
        if (type is not ("" or "alert" or "record"))
        {
            throw new ApiError(ApiErrorKind.BadData, $"invalid query parameter type='{type}'");
        }
        var excludeAlertsText = p.Get("exclude_alerts") ?? string.Empty;
        var excludeAlerts = false;
        if (excludeAlertsText.Length > 0 && !TryParseGoBool(excludeAlertsText, out excludeAlerts))
        {
            throw new ApiError(ApiErrorKind.BadData, $"parsing exclude_alerts flag failed: strconv.ParseBool: parsing \"{excludeAlertsText}\": invalid syntax");
        }
        var ruleNames = p.GetAll("rule_name[]").ToHashSet(StringComparer.Ordinal);
        var groupNames = p.GetAll("rule_group[]").ToHashSet(StringComparer.Ordinal);
        var files = p.GetAll("file[]").ToHashSet(StringComparer.Ordinal);
        var ruleFiltered = type.Length > 0 || ruleNames.Count > 0;
        var groups = new List<(RuleGroupStatus Group, List<RuleStatus> Rules)>();
        foreach (var group in _sources.RuleGroups())
        {
            if ((groupNames.Count > 0 && !groupNames.Contains(group.Name)) || (files.Count > 0 && !files.Contains(group.File)))
            {
                continue;
            }
            var rules = group.Rules
                .Where(r => type.Length == 0 || (type == "alert") == r.IsAlerting)
                .Where(r => ruleNames.Count == 0 || ruleNames.Contains(r.Name))
                .ToList();
            // A filter on rules hides groups left with none; without one, empty groups are listed as configured.
            if (ruleFiltered && rules.Count == 0)
            {
                continue;
            }
            groups.Add((group, rules));
        }
        return new ApiResponse(
            writer =>
            {
                writer.StartObject();
                writer.Name("groups");
                writer.StartArray();
                foreach (var (group, rules) in groups)
                {
                    WriteGroup(writer, group, rules, excludeAlerts);
                }
                writer.EndArray();
                writer.EndObject();
            },
            [],
            []);
    }

    private static bool TryParseGoBool(string text, out bool value)
    {
        switch (text)
        {
            case "1" or "t" or "T" or "true" or "TRUE" or "True":
                value = true;
                return true;
            case "0" or "f" or "F" or "false" or "FALSE" or "False":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    private static void WriteGroup(GoJsonWriter writer, RuleGroupStatus group, List<RuleStatus> rules, bool excludeAlerts)
    {
        writer.StartObject();
        writer.Property("name", group.Name);
        writer.Property("file", group.File);
        writer.Name("rules");
        writer.StartArray();
        foreach (var rule in rules)
        {
            if (rule.IsAlerting)
            {
                WriteAlertingRule(writer, rule, excludeAlerts);
            }
            else
            {
                WriteRecordingRule(writer, rule);
            }
        }
        writer.EndArray();
        WriteSeconds(writer, "interval", group.Interval);
        writer.Name("limit");
        writer.Number(group.Limit);
        WriteSeconds(writer, "evaluationTime", group.EvaluationTime);
        writer.Property("lastEvaluation", GoTimeText.Rfc3339Nano(group.LastEvaluation));
        writer.EndObject();
    }

    private static void WriteAlertingRule(GoJsonWriter writer, RuleStatus rule, bool excludeAlerts)
    {
        writer.StartObject();
        writer.Property("state", rule.State);
        writer.Property("name", rule.Name);
        writer.Property("query", rule.Query);
        WriteSeconds(writer, "duration", rule.Duration);
        WriteSeconds(writer, "keepFiringFor", rule.KeepFiringFor);
        writer.Name("labels");
        WriteLabels(writer, rule.Labels);
        writer.Name("annotations");
        WriteLabels(writer, rule.Annotations);
        writer.Name("alerts");
        writer.StartArray();
        if (!excludeAlerts)
        {
            foreach (var alert in rule.Alerts)
            {
                WriteAlert(writer, alert);
            }
        }
        writer.EndArray();
        WriteRuleTail(writer, rule, "alerting");
    }

    private static void WriteRecordingRule(GoJsonWriter writer, RuleStatus rule)
    {
        writer.StartObject();
        writer.Property("name", rule.Name);
        writer.Property("query", rule.Query);
        if (rule.Labels.Count > 0)
        {
            writer.Name("labels");
            WriteLabels(writer, rule.Labels);
        }
        WriteRuleTail(writer, rule, "recording");
    }

    private static void WriteRuleTail(GoJsonWriter writer, RuleStatus rule, string type)
    {
        writer.Property("health", rule.Health);
        if (rule.LastError.Length > 0)
        {
            writer.Property("lastError", rule.LastError);
        }
        WriteSeconds(writer, "evaluationTime", rule.EvaluationTime);
        writer.Property("lastEvaluation", GoTimeText.Rfc3339Nano(rule.LastEvaluation));
        writer.Property("type", type);
        writer.EndObject();
    }

    private static void WriteAlert(GoJsonWriter writer, AlertStatus alert)
    {
        writer.StartObject();
        writer.Name("labels");
        WriteLabels(writer, alert.Labels);
        writer.Name("annotations");
        WriteLabels(writer, alert.Annotations);
        writer.Property("state", alert.State);
        if (alert.ActiveAt is { } activeAt)
        {
            writer.Property("activeAt", GoTimeText.Rfc3339Nano(activeAt));
        }
        if (alert.KeepFiringSince is { } since)
        {
            writer.Property("keepFiringSince", GoTimeText.Rfc3339Nano(since));
        }
        writer.Property("value", GoFloat.FormatE(alert.Value));
        writer.EndObject();
    }

    private static void WriteSeconds(GoJsonWriter writer, string name, TimeSpan value)
    {
        writer.Name(name);
        writer.RawValue(GoFloat.FormatJson(value.TotalSeconds));
    }

    /// <summary><c>/api/v1/alerts</c>: every pending or firing alert of every alerting rule.</summary>
    private ApiResponse Alerts()
    {
        var alerts = _sources.RuleGroups().SelectMany(g => g.Rules).Where(r => r.IsAlerting).SelectMany(r => r.Alerts).ToList();
        return new ApiResponse(
            writer =>
            {
                writer.StartObject();
                writer.Name("alerts");
                writer.StartArray();
                foreach (var alert in alerts)
                {
                    WriteAlert(writer, alert);
                }
                writer.EndArray();
                writer.EndObject();
            },
            [],
            []);
    }

    /// <summary>
    /// <c>/api/v1/query_exemplars</c>: the parameters are validated as Prometheus does, and since Argus stores
    /// no exemplars the true answer is an empty list.
    /// </summary>
    private ApiResponse QueryExemplars(ApiParameters p)
    {
        var start = p.GetTime("start", ApiParameters.MinTimeMs);
        var end = p.GetTime("end", ApiParameters.MaxTimeMs);
        if (end < start)
        {
            throw new ApiError(ApiErrorKind.BadData, "end timestamp must not be before start timestamp");
        }
        try
        {
            PromqlParser.Parse(p.Get("query") ?? string.Empty);
        }
        catch (PromqlParseException e)
        {
            throw new ApiError(ApiErrorKind.BadData, e.Message, e);
        }
        return new ApiResponse(writer =>
        {
            writer.StartArray();
            writer.EndArray();
        }, [], []);
    }
}
