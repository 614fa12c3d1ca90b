using System.Globalization;
using Argus.Alerting.Alerts;
using Argus.Alerting.History;
using Argus.Web.Api.Json;
using Argus.Web.Api.V1;
using Microsoft.AspNetCore.Http;

namespace Argus.Web.Api.V2;

/// <summary>
/// Argus's <c>GET /api/v2/history?filter=…&amp;start=…&amp;end=…&amp;limit=…</c>: the alert history, newest first.
/// <c>filter</c> takes matchers as <c>GET /api/v2/alerts</c> does; <c>start</c> and <c>end</c> RFC 3339 times or Unix
/// seconds; <c>limit</c> a positive count (default <see cref="DefaultHistoryLimit"/>).
/// </summary>
public sealed partial class AlertmanagerApi
{
    /// <summary>How many events the history endpoint returns when the request sets no limit.</summary>
    public const int DefaultHistoryLimit = 1000;

    private Task GetHistory(HttpContext context)
    {
        if (ParseFilter(context, out var filterError) is not { } filter)
        {
            return ErrorAsync(context, 400, "invalid filter: " + filterError);
        }
        if (!TryParseBound(context, "start", out var start, out var error) || !TryParseBound(context, "end", out var end, out error))
        {
            return ErrorAsync(context, 400, error!);
        }
        if (start is { } s && end is { } e2 && e2 < s)
        {
            return ErrorAsync(context, 400, "invalid time range: end is before start");
        }
        var limit = DefaultHistoryLimit;
        if (context.Request.Query["limit"].FirstOrDefault() is { Length: > 0 } limitText &&
            (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit <= 0))
        {
            return ErrorAsync(context, 400, $"invalid limit \"{limitText}\": expected a positive integer");
        }
        var events = _sources.History?.Query(new HistoryQuery
        {
            Start = start,
            End = end,
            Limit = limit,
            Filter = filter.Count == 0 ? null : e => MatchesFilter(filter, name => e.Labels.Has(name) ? e.Labels.Get(name) : null),
        }) ?? [];
        var json = new GoJsonWriter(64 * 1024);
        json.StartArray();
        foreach (var e in events)
        {
            json.StartObject();
            json.Property("at", AlertmanagerJson.Time(e.At));
            json.Property("fingerprint", AlertFingerprint.Format(e.Fingerprint));
            json.Name("labels");
            AlertmanagerJson.LabelSet(json, e.Labels);
            json.Property("event", HistoryEventKinds.Name(e.Kind));
            json.Property("groupId", e.GroupId);
            json.Property("receiver", e.Receiver);
            json.Property("integration", e.Integration);
            json.Property("by", e.By);
            json.Property("detail", e.Detail);
            json.EndObject();
        }
        json.EndArray();
        return WriteAsync(context, 200, json);
    }

    /// <summary>An optional time parameter: RFC 3339 or Unix seconds (with a fraction), as the Prometheus API takes them.</summary>
    private static bool TryParseBound(HttpContext context, string name, out DateTime? value, out string? error)
    {
        value = null;
        error = null;
        if (context.Request.Query[name].FirstOrDefault() is not { Length: > 0 } text)
        {
            return true;
        }
        if (ApiParameters.TryParseTime(text, out var milliseconds) && milliseconds is >= 0 and <= 253402300799999)
        {
            value = DateTime.UnixEpoch.AddMilliseconds(milliseconds);
            return true;
        }
        error = $"invalid {name} \"{text}\": expected an RFC 3339 time or Unix seconds";
        return false;
    }
}
