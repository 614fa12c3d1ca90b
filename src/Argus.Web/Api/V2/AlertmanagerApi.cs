using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text.Json;
using System.Text.RegularExpressions;
using Argus.Alerting.Alerts;
using Argus.Alerting.Dispatch;
using Argus.Alerting.Matchers;
using Argus.Alerting.Silences;
using Argus.Model.Labels;
using Argus.Web.Api.Json;
using Argus.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using MatchType = Argus.Model.Labels.MatchType;

namespace Argus.Web.Api.V2;

/// <summary>
/// Alertmanager's HTTP API v2 (alerts, alert groups, silences, status, receivers) with the JSON and the
/// error answers of Alertmanager 0.25, so amtool, Grafana and Prometheus' notifier work unchanged; plus Argus's
/// acknowledgement, signed-link and history endpoints (<c>AlertmanagerApi.Acknowledgements.cs</c>,
/// <c>AlertmanagerApi.History.cs</c>) and the fields they add, which Alertmanager clients ignore.
/// </summary>
/// <remarks>Thread-safe: state lives in the stores, which are themselves thread-safe.</remarks>
public sealed partial class AlertmanagerApi : IWebModule
{
    private readonly AlertmanagerApiSources _sources;

    public AlertmanagerApi(AlertmanagerApiSources sources)
    {
        _sources = sources;
    }

    public void MapEndpoints(IEndpointRouteBuilder routes, WebOptions options) => Map(routes);

    /// <summary>Maps every endpoint under <c>/api/v2</c>.</summary>
    public void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v2/status", Status);
        endpoints.MapGet("/api/v2/receivers", Receivers);
        endpoints.MapGet("/api/v2/alerts", GetAlerts);
        endpoints.MapPost("/api/v2/alerts", PostAlertsAsync);
        endpoints.MapGet("/api/v2/alerts/groups", GetAlertGroups);
        endpoints.MapGet("/api/v2/silences", GetSilences);
        endpoints.MapPost("/api/v2/silences", PostSilenceAsync);
        endpoints.MapGet("/api/v2/silence/{id}", context => GetSilence(context, (string)context.Request.RouteValues["id"]!));
        endpoints.MapDelete("/api/v2/silence/{id}", context => DeleteSilence(context, (string)context.Request.RouteValues["id"]!));
        MapAcknowledgements(endpoints);
        endpoints.MapGet("/api/v2/history", GetHistory);
    }

    private static Task WriteAsync(HttpContext context, int status, GoJsonWriter json)
    {
        using (json)
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            var body = new byte[json.Written.Length + 1];
            json.Written.Span.CopyTo(body);
            body[^1] = (byte)'\n';
            return context.Response.Body.WriteAsync(body).AsTask();
        }
    }

    /// <summary>go-swagger answers a string payload as a JSON string.</summary>
    private static Task ErrorAsync(HttpContext context, int status, string message)
    {
        var json = new GoJsonWriter(256);
        json.String(message);
        return WriteAsync(context, status, json);
    }

    /// <summary>go-swagger's own validation failures: <c>{"code":602,"message":...}</c> with status 422.</summary>
    private static Task SwaggerErrorAsync(HttpContext context, int status, int code, string message)
    {
        var json = new GoJsonWriter(256);
        json.StartObject();
        json.Name("code");
        json.Number(code);
        json.Property("message", message);
        json.EndObject();
        return WriteAsync(context, status, json);
    }

    private Task Status(HttpContext context)
    {
        var build = _sources.Build;
        var json = new GoJsonWriter();
        json.StartObject();
        json.Name("cluster");
        json.StartObject();
        json.Name("peers");
        json.StartArray();
        json.EndArray();
        json.Property("status", "disabled");
        json.EndObject();
        json.Name("config");
        json.StartObject();
        json.Property("original", _sources.Config().AlertmanagerText);
        json.EndObject();
        json.Property("uptime", AlertmanagerJson.Time(_sources.StartTime));
        json.Name("versionInfo");
        json.StartObject();
        json.Property("branch", build.Branch);
        json.Property("buildDate", build.BuildDate);
        json.Property("buildUser", build.BuildUser);
        json.Property("goVersion", build.RuntimeVersion);
        json.Property("revision", build.Revision);
        json.Property("version", build.Version);
        json.EndObject();
        json.EndObject();
        return WriteAsync(context, 200, json);
    }

    private Task Receivers(HttpContext context)
    {
        var json = new GoJsonWriter();
        json.StartArray();
        foreach (var receiver in _sources.Config().Receivers)
        {
            json.StartObject();
            json.Property("name", receiver.Name);
            json.EndObject();
        }
        json.EndArray();
        return WriteAsync(context, 200, json);
    }

    /// <summary>The query parameters GET /alerts and GET /alerts/groups share.</summary>
    private sealed record AlertQuery(bool Active, bool Silenced, bool Inhibited, bool Unprocessed, IReadOnlyList<LabelMatcher> Filter, Regex? Receiver);

    private static bool Flag(HttpContext context, string name, out bool value, out string? error)
    {
        error = null;
        value = true;
        var raw = context.Request.Query[name];
        if (raw.Count == 0 || string.IsNullOrEmpty(raw[0]))
        {
            return true;
        }
        if (bool.TryParse(raw[0], out value))
        {
            return true;
        }
        error = $"{name} in query must be of type boolean: \"{raw[0]}\"";
        return false;
    }

    private static AlertQuery? ParseAlertQuery(HttpContext context, out string? error, out bool swaggerError)
    {
        swaggerError = true;
        if (!Flag(context, "active", out var active, out error) || !Flag(context, "silenced", out var silenced, out error) ||
            !Flag(context, "inhibited", out var inhibited, out error) || !Flag(context, "unprocessed", out var unprocessed, out error))
        {
            return null;
        }
        swaggerError = false;
        if (ParseFilter(context, out error) is not { } filter)
        {
            return null;
        }
        Regex? receiver = null;
        var receiverParam = context.Request.Query["receiver"];
        if (receiverParam.Count > 0 && !string.IsNullOrEmpty(receiverParam[0]))
        {
            try
            {
                receiver = new Regex("^(?:" + receiverParam[0] + ")$", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
            }
            catch (ArgumentException e)
            {
                error = "failed to parse receiver param: " + e.Message;
                return null;
            }
        }
        return new AlertQuery(active, silenced, inhibited, unprocessed, filter, receiver);
    }

    /// <summary>Alertmanager's filter semantics: an empty-value matcher also accepts a missing label.</summary>
    private static bool MatchesFilter(IReadOnlyList<LabelMatcher> filter, Func<string, string?> lookup)
    {
        foreach (var m in filter)
        {
            var value = lookup(m.Name);
            if (m.Type is MatchType.NotEqual or MatchType.NotRegex)
            {
                if (m.Value.Length == 0 && value is not null)
                {
                    continue;
                }
            }
            else if (m.Value.Length == 0 && value is null)
            {
                continue;
            }
            if (!m.Matches(value ?? string.Empty))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>One alert that passed the filters, with what the API shows about it.</summary>
    private sealed record ListedAlert(Alert Alert, List<string> Receivers, List<string> SilencedBy, List<string> InhibitedBy, IReadOnlyList<Alerting.Routing.Route> Routes);

    private List<ListedAlert> SelectAlerts(AlertQuery query)
    {
        var config = _sources.Config();
        var now = _sources.UtcNow();
        var result = new List<ListedAlert>();
        foreach (var alert in _sources.Alerts.List())
        {
            var routes = config.Route.Match(alert.Labels);
            var receivers = routes.Select(r => r.Receiver).ToList();
            if (query.Receiver is not null && !receivers.Any(query.Receiver.IsMatch))
            {
                continue;
            }
            if (!MatchesFilter(query.Filter, name => alert.Labels.Has(name) ? alert.Labels.Get(name) : null))
            {
                continue;
            }
            if (alert.IsResolved(now))
            {
                continue;
            }
            var silencedBy = _sources.Silences.MutedBy(alert.Labels);
            var inhibitedBy = _sources.InhibitedBy?.Invoke(alert.Labels, now) ?? [];
            var active = silencedBy.Count == 0 && inhibitedBy.Count == 0;
            if ((!query.Active && active) || (!query.Silenced && silencedBy.Count > 0) || (!query.Inhibited && inhibitedBy.Count > 0))
            {
                continue;
            }
            result.Add(new ListedAlert(alert, receivers, silencedBy, inhibitedBy, routes));
        }
        result.Sort((a, b) => a.Alert.Fingerprint.CompareTo(b.Alert.Fingerprint));
        return result;
    }

    private Task GetAlerts(HttpContext context)
    {
        var query = ParseAlertQuery(context, out var error, out var swaggerError);
        if (query is null)
        {
            return swaggerError ? SwaggerErrorAsync(context, 422, 601, error!) : ErrorAsync(context, 400, error!);
        }
        var json = new GoJsonWriter(64 * 1024);
        json.StartArray();
        foreach (var listed in SelectAlerts(query))
        {
            AlertmanagerJson.Alert(json, listed.Alert, listed.Receivers, listed.SilencedBy, listed.InhibitedBy);
        }
        json.EndArray();
        return WriteAsync(context, 200, json);
    }

    private Task GetAlertGroups(HttpContext context)
    {
        var query = ParseAlertQuery(context, out var error, out var swaggerError);
        if (query is null)
        {
            return swaggerError ? SwaggerErrorAsync(context, 422, 601, error!) : ErrorAsync(context, 400, error!);
        }
        var selected = SelectAlerts(query);
        var groups = new Dictionary<(Alerting.Routing.Route Route, LabelSet Labels), List<ListedAlert>>();
        if (_sources.Groups?.Invoke() is { } dispatcherGroups)
        {
            // The dispatcher's own groups, each with those of its alerts that pass the filters.
            var byFingerprint = selected.ToDictionary(l => l.Alert.Fingerprint);
            foreach (var group in dispatcherGroups)
            {
                if (query.Receiver is not null && !query.Receiver.IsMatch(group.Route.Receiver))
                {
                    continue;
                }
                var members = group.Alerts.Where(a => byFingerprint.ContainsKey(a.Fingerprint)).Select(a => byFingerprint[a.Fingerprint]).ToList();
                if (members.Count > 0)
                {
                    groups[(group.Route, group.Labels)] = members;
                }
            }
            selected = [];
        }
        // Without a dispatcher, groups as the dispatcher would form them: per matching route, keyed by the alert's group_by labels.
        foreach (var listed in selected)
        {
            foreach (var route in listed.Routes)
            {
                if (query.Receiver is not null && !query.Receiver.IsMatch(route.Receiver))
                {
                    continue;
                }
                var groupLabels = route.GroupByAll
                    ? listed.Alert.Labels
                    : LabelSet.From(route.GroupBy.Where(listed.Alert.Labels.Has).Select(n => new Label(n, listed.Alert.Labels.Get(n))));
                if (!groups.TryGetValue((route, groupLabels), out var members))
                {
                    groups[(route, groupLabels)] = members = [];
                }
                members.Add(listed);
            }
        }
        var ordered = groups.OrderBy(g => g.Key.Labels).ThenBy(g => g.Key.Route.Receiver, StringComparer.Ordinal);
        var json = new GoJsonWriter(64 * 1024);
        json.StartArray();
        foreach (var group in ordered)
        {
            json.StartObject();
            json.Name("alerts");
            json.StartArray();
            foreach (var listed in group.Value)
            {
                AlertmanagerJson.Alert(json, listed.Alert, listed.Receivers, listed.SilencedBy, listed.InhibitedBy);
            }
            json.EndArray();
            json.Name("labels");
            AlertmanagerJson.LabelSet(json, group.Key.Labels);
            json.Name("receiver");
            json.StartObject();
            json.Property("name", group.Key.Route.Receiver);
            json.EndObject();
            WriteGroupExtensions(json, group.Key.Route, AggregationGroup.KeyOf(group.Key.Route, group.Key.Labels));
            json.EndObject();
        }
        json.EndArray();
        return WriteAsync(context, 200, json);
    }

    private async Task PostAlertsAsync(HttpContext context)
    {
        var bodyReader = context.Request.BodyReader;
        ReadResult read;
        while (true)
        {
            read = await bodyReader.ReadAsync(context.RequestAborted).ConfigureAwait(false);
            if (read.IsCompleted || read.IsCanceled)
            {
                break;
            }
            // Nothing consumed, all examined: the next read returns the whole body so far plus what arrived.
            bodyReader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
        var valid = new List<Alert>();
        var now = _sources.UtcNow();
        PostableAlertsReader.Refusal? refusal;
        try
        {
            refusal = ReadAlerts(read.Buffer, now, valid);
        }
        finally
        {
            bodyReader.AdvanceTo(read.Buffer.End);
        }
        if (refusal is { } refused)
        {
            await SwaggerErrorAsync(context, refused.Status, refused.Code, refused.Message).ConfigureAwait(false);
            return;
        }
        List<string>? errors = null;
        var stored = 0;
        for (var i = 0; i < valid.Count; i++)
        {
            if (valid[i].Validate() is { } validation)
            {
                (errors ??= []).Add(validation);
                Interlocked.Increment(ref _sources.Alerts.Stats.AlertsInvalid);
                continue;
            }
            valid[stored++] = valid[i];
        }
        valid.RemoveRange(stored, valid.Count - stored);
        // One call for the whole body: the history records the new alerts of a POST with one hand-over to the OS.
        _sources.Alerts.PutAll(valid, now);
        if (errors is not null)
        {
            await ErrorAsync(context, 400, string.Join("; ", errors)).ConfigureAwait(false);
            return;
        }
        context.Response.StatusCode = 200;
    }

    // The body usually arrives in one segment and is read in place; a body spread over several is copied once into
    // a pooled buffer, since the reader needs one span for the error messages that quote the body.
    private PostableAlertsReader.Refusal? ReadAlerts(ReadOnlySequence<byte> body, DateTime now, List<Alert> alerts)
    {
        var resolveTimeout = _sources.Config().Global.ResolveTimeout;
        if (body.IsSingleSegment)
        {
            return PostableAlertsReader.Read(body.FirstSpan, now, resolveTimeout, alerts);
        }
        var length = checked((int)body.Length);
        var copy = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            body.CopyTo(copy);
            return PostableAlertsReader.Read(copy.AsSpan(0, length), now, resolveTimeout, alerts);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(copy);
        }
    }

    /// <summary>A time as the API takes it: any form .NET parses, UTC when no offset is given.</summary>
    internal static bool TryParseTime(string text, out DateTime time)
    {
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            time = parsed.UtcDateTime;
            return true;
        }
        time = default;
        return false;
    }

    /// <summary>The <c>filter</c> query parameters as matchers, or null (with the parser's message) when one is invalid.</summary>
    private static List<LabelMatcher>? ParseFilter(HttpContext context, out string? error)
    {
        error = null;
        var filter = new List<LabelMatcher>();
        foreach (var value in context.Request.Query["filter"])
        {
            try
            {
                filter.AddRange(MatcherParser.Parse(value ?? string.Empty));
            }
            catch (MatcherParseException e)
            {
                error = e.Message;
                return null;
            }
        }
        return filter;
    }

    private Task GetSilences(HttpContext context)
    {
        if (ParseFilter(context, out var error) is not { } filter)
        {
            return ErrorAsync(context, 400, error!);
        }
        var now = _sources.UtcNow();
        var silences = _sources.Silences.List()
            .Where(s => MatchesFilter(filter, name => s.Matchers.LastOrDefault(m => m.Name == name)?.Value))
            .OrderBy(s => s.StateAt(now))
            .ThenBy(s => s.StateAt(now) switch
            {
                SilenceState.Active => s.EndsAt.Ticks,
                SilenceState.Pending => s.StartsAt.Ticks,
                _ => -s.EndsAt.Ticks,
            })
            .ToList();
        var json = new GoJsonWriter(16 * 1024);
        json.StartArray();
        foreach (var silence in silences)
        {
            AlertmanagerJson.Silence(json, silence, now);
        }
        json.EndArray();
        return WriteAsync(context, 200, json);
    }

    private Task GetSilence(HttpContext context, string id)
    {
        if (!Guid.TryParse(id, out _))
        {
            return SwaggerErrorAsync(context, 422, 601, $"id in path must be of type uuid: \"{id}\"");
        }
        var silence = _sources.Silences.Get(id);
        if (silence is null)
        {
            context.Response.StatusCode = 404;
            return Task.CompletedTask;
        }
        var json = new GoJsonWriter(1024);
        AlertmanagerJson.Silence(json, silence, _sources.UtcNow());
        return WriteAsync(context, 200, json);
    }

    private Task DeleteSilence(HttpContext context, string id)
    {
        if (!Guid.TryParse(id, out _))
        {
            return SwaggerErrorAsync(context, 422, 601, $"id in path must be of type uuid: \"{id}\"");
        }
        try
        {
            _sources.Silences.Expire(id);
        }
        catch (SilenceNotFoundException)
        {
            context.Response.StatusCode = 404;
            return Task.CompletedTask;
        }
        catch (SilenceValidationException e)
        {
            // Alertmanager 0.25 answers expiring an expired silence as an internal error.
            return ErrorAsync(context, 500, e.Message);
        }
        context.Response.StatusCode = 200;
        return Task.CompletedTask;
    }

    private async Task PostSilenceAsync(HttpContext context)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(context.Request.Body).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            await SwaggerErrorAsync(context, 400, 400, "parsing silence body from \"\" failed, because " + e.Message).ConfigureAwait(false);
            return;
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                await SwaggerErrorAsync(context, 400, 400, "parsing silence body from \"\" failed, because the body is not a JSON object").ConfigureAwait(false);
                return;
            }
            foreach (var required in new[] { "comment", "createdBy", "endsAt", "matchers", "startsAt" })
            {
                if (!root.TryGetProperty(required, out var value) || value.ValueKind == JsonValueKind.Null)
                {
                    await SwaggerErrorAsync(context, 422, 602, $"{required} in body is required").ConfigureAwait(false);
                    return;
                }
            }
            if (!TryReadSilence(root, out var silence, out var error))
            {
                await ErrorAsync(context, 400, error).ConfigureAwait(false);
                return;
            }
            if (silence.StartsAt >= silence.EndsAt)
            {
                await ErrorAsync(context, 400, "Failed to create silence: start time must be before end time").ConfigureAwait(false);
                return;
            }
            if (silence.EndsAt < _sources.UtcNow())
            {
                await ErrorAsync(context, 400, "Failed to create silence: end time can't be in the past").ConfigureAwait(false);
                return;
            }
            string id;
            try
            {
                id = _sources.Silences.Set(silence);
            }
            catch (SilenceNotFoundException e)
            {
                await ErrorAsync(context, 404, e.Message).ConfigureAwait(false);
                return;
            }
            catch (SilenceValidationException e)
            {
                await ErrorAsync(context, 400, e.Message).ConfigureAwait(false);
                return;
            }
            var json = new GoJsonWriter(128);
            json.StartObject();
            json.Property("silenceID", id);
            json.EndObject();
            await WriteAsync(context, 200, json).ConfigureAwait(false);
        }
    }

    private static bool TryReadSilence(JsonElement root, out Silence silence, out string error)
    {
        silence = null!;
        error = string.Empty;
        var matchers = new List<LabelMatcher>();
        var matchersElement = root.GetProperty("matchers");
        if (matchersElement.ValueKind != JsonValueKind.Array)
        {
            error = "matchers in body must be of type array";
            return false;
        }
        var i = 0;
        foreach (var m in matchersElement.EnumerateArray())
        {
            var name = m.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : string.Empty;
            var value = m.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : string.Empty;
            var isRegex = m.TryGetProperty("isRegex", out var r) && r.ValueKind == JsonValueKind.True;
            var isEqual = !m.TryGetProperty("isEqual", out var e) || e.ValueKind != JsonValueKind.False;
            var type = (isRegex, isEqual) switch
            {
                (false, true) => MatchType.Equal,
                (false, false) => MatchType.NotEqual,
                (true, true) => MatchType.Regex,
                _ => MatchType.NotRegex,
            };
            try
            {
                matchers.Add(new LabelMatcher(type, name, value));
            }
            catch (ArgumentException ex)
            {
                error = $"invalid label matcher {i}: invalid regular expression \"{value}\": {ex.Message}";
                return false;
            }
            i++;
        }
        if (!TryParseTime(root.GetProperty("startsAt").GetString() ?? string.Empty, out var startsAt) ||
            !TryParseTime(root.GetProperty("endsAt").GetString() ?? string.Empty, out var endsAt))
        {
            error = "startsAt and endsAt must be RFC 3339 date-times";
            return false;
        }
        silence = new Silence
        {
            Id = root.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString()! : string.Empty,
            Matchers = matchers,
            StartsAt = startsAt,
            EndsAt = endsAt,
            CreatedBy = root.GetProperty("createdBy").GetString() ?? string.Empty,
            Comment = root.GetProperty("comment").GetString() ?? string.Empty,
            ExpireOnResolve = root.TryGetProperty("expireOnResolve", out var expire) && expire.ValueKind == JsonValueKind.True,
        };
        return true;
    }
}
