using Argus.Model.Labels;
using Argus.PromQL.Ast;
using Argus.PromQL.Parser;
using Argus.Scrape.Scraping;
using Argus.Web.Api.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Argus.Web.Api.V1;

/// <summary>The endpoints about metrics rather than samples: the metadata targets expose
/// (<c>/api/v1/metadata</c>, <c>/api/v1/targets/metadata</c>) and the syntax tree of a query
/// (<c>/api/v1/parse_query</c>).</summary>
public sealed partial class PrometheusApi
{
    private void MapMetadata(IEndpointRouteBuilder endpoints)
    {
        // As in Prometheus, the metadata endpoints answer GET only; parse_query takes a form POST as well.
        endpoints.MapGet("/api/v1/metadata", context => RespondAsync(context, MetricMetadata));
        endpoints.MapGet("/api/v1/targets/metadata", context => RespondAsync(context, TargetsMetadata));
        MapGetPost(endpoints, "/api/v1/parse_query", p => Task.FromResult(ParseQuery(p)));
    }

    /// <summary>
    /// <c>/api/v1/metadata</c>: each metric name with the distinct (type, help, unit) its targets give, names
    /// sorted. <c>metric</c> picks one name, <c>limit</c> (negative: none) bounds the names and
    /// <c>limit_per_metric</c> (zero or negative: none) the entries of each. Under a limit Prometheus keeps
    /// whichever its maps yield first; Argus keeps the first names in order and the first entries in target order.
    /// </summary>
    private ApiResponse MetricMetadata(ApiParameters p)
    {
        var limit = p.GetInteger("limit", -1, "limit must be a number");
        var perMetric = p.GetInteger("limit_per_metric", -1, "limit_per_metric must be a number");
        var metric = p.Get("metric") ?? string.Empty;
        var families = new SortedDictionary<string, List<MetricMetadata>>(StringComparer.Ordinal);
        foreach (var target in _sources.TargetMetadata())
        {
            foreach (var md in target.Metadata)
            {
                if (metric.Length > 0 && md.Metric != metric)
                {
                    continue;
                }
                if (!families.TryGetValue(md.Metric, out var entries))
                {
                    entries = [];
                    families.Add(md.Metric, entries);
                }
                if ((perMetric <= 0 || entries.Count < perMetric) && !entries.Exists(e => SameMetadata(e, md)))
                {
                    entries.Add(md);
                }
            }
        }
        var selected = limit >= 0 ? families.Take((int)Math.Min(limit, int.MaxValue)).ToList() : families.ToList();
        return new ApiResponse(
            writer =>
            {
                writer.StartObject();
                foreach (var (name, entries) in selected)
                {
                    writer.Name(name);
                    writer.StartArray();
                    foreach (var md in entries)
                    {
                        writer.StartObject();
                        WriteMetadataFields(writer, md);
                        writer.EndObject();
                    }
                    writer.EndArray();
                }
                writer.EndObject();
            },
            [],
            []);
    }

    private static bool SameMetadata(MetricMetadata a, MetricMetadata b) => a.Type == b.Type && a.Help == b.Help && a.Unit == b.Unit;

    /// <summary>
    /// <c>/api/v1/targets/metadata</c>: one entry per target and family, for the targets whose labels match
    /// <c>match_target</c>; with <c>metric</c> only that family (and no <c>metric</c> field, as in Prometheus).
    /// Like Prometheus, <c>limit</c> is checked before each target, so the last target taken contributes all its
    /// entries even past the limit.
    /// </summary>
    private ApiResponse TargetsMetadata(ApiParameters p)
    {
        var limit = p.GetInteger("limit", -1, "limit must be a number");
        var matchTarget = p.Get("match_target") ?? string.Empty;
        IReadOnlyList<LabelMatcher> matchers = [];
        if (matchTarget.Length > 0)
        {
            try
            {
                matchers = PromqlParser.ParseSelector(matchTarget).Matchers;
            }
            catch (PromqlParseException e)
            {
                throw new ApiError(ApiErrorKind.BadData, $"invalid parameter \"match_target\": {e.Message}", e);
            }
        }
        var metric = p.Get("metric") ?? string.Empty;
        var found = new List<(LabelSet Target, MetricMetadata Metadata)>();
        foreach (var target in _sources.TargetMetadata())
        {
            if (limit >= 0 && found.Count >= limit)
            {
                break;
            }
            if (!matchers.All(m => m.Matches(target.Labels.Get(m.Name))))
            {
                continue;
            }
            foreach (var md in target.Metadata)
            {
                if (metric.Length == 0 || md.Metric == metric)
                {
                    found.Add((target.Labels, md));
                }
            }
        }
        return new ApiResponse(
            writer =>
            {
                writer.StartArray();
                foreach (var (target, md) in found)
                {
                    writer.StartObject();
                    writer.Name("target");
                    WriteLabels(writer, target);
                    if (metric.Length == 0 && md.Metric.Length > 0)
                    {
                        writer.Property("metric", md.Metric);
                    }
                    WriteMetadataFields(writer, md);
                    writer.EndObject();
                }
                writer.EndArray();
            },
            [],
            []);
    }

    private static void WriteMetadataFields(GoJsonWriter writer, MetricMetadata md)
    {
        writer.Property("type", md.Type);
        writer.Property("help", md.Help);
        writer.Property("unit", md.Unit);
    }

    /// <summary><c>/api/v1/parse_query</c> (Prometheus 3, experimental): the expression's syntax tree as JSON.</summary>
    private static ApiResponse ParseQuery(ApiParameters p)
    {
        var query = p.Get("query") ?? string.Empty;
        QueryNesting.Check(query);
        var expr = ParseQueryParameter(query);
        return new ApiResponse(writer => SyntaxTreeWriter.Write(writer, expr), [], []);
    }

    /// <summary>Parses the <c>query</c> parameter; a syntax error is Prometheus' <c>bad_data</c> naming the parameter
    /// and the position (<c>invalid parameter "query": 1:5: parse error: …</c>).</summary>
    private static Expr ParseQueryParameter(string query)
    {
        try
        {
            return PromqlParser.Parse(query);
        }
        catch (PromqlParseException e)
        {
            throw new ApiError(ApiErrorKind.BadData, $"invalid parameter \"query\": {e.Message}", e);
        }
    }
}
