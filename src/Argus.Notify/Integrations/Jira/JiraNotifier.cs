using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Argus.Alerting.Config.Receivers;
using Argus.Notify.Integrations.Http;
using Argus.Templates.Formatting;

namespace Argus.Notify.Integrations.Jira;

/// <summary>
/// <c>jira_configs</c>: one issue per alert group, found again by its label <c>ALERT{sha256(group key)}</c>. Each
/// notification searches (JQL) for the group's open issue — or, with <c>reopen_transition</c> and
/// <c>reopen_duration</c>, one resolved within that time — then updates it (PUT) or creates one (POST; never for a
/// group that is already resolved), and finally moves it with <c>resolve_transition</c> when the group resolved or
/// <c>reopen_transition</c> when it fires again on a done issue. Summary (255 runes) and description (32767 runes)
/// are cut as Jira limits them; with an API v3 URL the description must render to Atlassian Document Format JSON.
/// Authentication is the entry's <c>http_config</c>. 5xx and 429 are retried.
/// </summary>
public sealed class JiraNotifier : HttpNotifier<JiraConfig>
{
    private const int MaxSummaryRunes = 255;
    private const int MaxDescriptionRunes = 32767;

    private static readonly HttpRetryPolicy Retry = HttpRetryPolicy.ServerErrorsAnd(429);

    public JiraNotifier(JiraConfig config, HttpClient client)
        : base(config, client)
    {
    }

    public override string Integration => "jira";

    public override async Task NotifyAsync(NotificationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var t = new TemplateExpander(request, Integration);
        var groupId = GroupKeys.Hash(request.GroupKey);
        var firing = t.Data.Status == "firing";
        var project = t.Expand("project", Config.Project);
        var (searchUrl, searchBody) = SearchRequest(project, groupId, firing);
        var found = await CallAsync(HttpMethod.Post, searchUrl, searchBody, cancellationToken).ConfigureAwait(false);
        var existing = FirstIssue(found);
        if (existing is null && !firing)
        {
            // Nothing to resolve.
            return;
        }
        var issue = RenderIssue(t, project, groupId, update: existing is not null);
        if (existing is null)
        {
            await CallAsync(HttpMethod.Post, Api("issue"), issue, cancellationToken).ConfigureAwait(false);
            return;
        }
        await CallAsync(HttpMethod.Put, Api("issue/" + existing.Value.Key), issue, cancellationToken).ConfigureAwait(false);
        var done = existing.Value.StatusCategory == "done";
        var transition = firing ? (done ? Config.ReopenTransition : null) : (done ? null : Config.ResolveTransition);
        if (!string.IsNullOrEmpty(transition))
        {
            await TransitionAsync(existing.Value.Key, transition, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The search for the group's issue: its URL (API v3 <c>search/jql</c> on Jira Cloud, v2 <c>search</c> on
    /// Data Center) and its body.</summary>
    internal (Uri Url, string Body) SearchRequest(string project, string groupId, bool firing)
    {
        var jql = new StringBuilder();
        if (!string.IsNullOrEmpty(Config.WontFixResolution))
        {
            jql.Append("resolution != ").Append(GoLiteral.Quote(Config.WontFixResolution)).Append(" and ");
        }
        var reopenMinutes = (long)Config.ReopenDuration.TotalMinutes;
        if (firing && !string.IsNullOrEmpty(Config.ReopenTransition) && reopenMinutes > 0)
        {
            jql.Append(CultureInfo.InvariantCulture, $"(resolutiondate is EMPTY OR resolutiondate >= -{reopenMinutes}m) and ");
        }
        else
        {
            jql.Append("statusCategory != Done and ");
        }
        jql.Append("project=").Append(GoLiteral.Quote(project)).Append(" and labels=").Append(GoLiteral.Quote($"ALERT{{{groupId}}}"))
            .Append(" order by status ASC,resolutiondate DESC");
        var body = new JsonObject
        {
            ["fields"] = new JsonArray("status"),
            ["jql"] = jql.ToString(),
            ["maxResults"] = 2,
        };
        var cloud = Config.ApiType == "cloud" || (Config.ApiType == "auto" && Config.ApiUrl.Absolute?.Host.EndsWith("atlassian.net", StringComparison.Ordinal) == true);
        Uri url;
        if (cloud)
        {
            // Jira Cloud retired the v2 search; its replacement exists only in API v3.
            var text = Api("search/jql").ToString();
            var at = text.IndexOf("/2", StringComparison.Ordinal);
            url = ConfigValues.AbsoluteUrl(at < 0 ? text : text[..at] + "/3" + text[(at + 2)..], "jira api_url");
        }
        else
        {
            url = Api("search");
        }
        return (url, JsonBodies.WriteGo(body));
    }

    /// <summary>The create or update body: the issue's fields in Go's map order (sorted), custom fields last to win.</summary>
    internal string RenderIssue(TemplateExpander t, string project, string groupId, bool update)
    {
        var fields = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        if (!update || Config.UpdateSummary)
        {
            fields["summary"] = TextLimits.InRunes(t.Expand("summary", Config.Summary), MaxSummaryRunes);
        }
        if (!update || Config.UpdateDescription)
        {
            var description = TextLimits.InRunes(t.Expand("description", Config.Description), MaxDescriptionRunes);
            fields["description"] = IsApiV3 ? ParseDocument(description) : description;
        }
        fields["issuetype"] = new JsonObject { ["name"] = t.Expand("issue_type", Config.IssueType) };
        fields["project"] = new JsonObject { ["key"] = project };
        if (!update || Config.UpdateLabels)
        {
            var labels = Config.Labels.Select((l, i) => t.Expand($"labels[{i}]", l)).Append($"ALERT{{{groupId}}}").Order(StringComparer.Ordinal);
            fields["labels"] = JsonBodies.Array(labels);
        }
        var priority = t.Expand("priority", Config.Priority);
        if (priority.Length > 0)
        {
            fields["priority"] = new JsonObject { ["name"] = priority };
        }
        foreach (var (key, value) in Config.Fields)
        {
            fields[key] = FreeformTemplates.Expand(value, t, "fields." + key);
        }
        return JsonBodies.WriteGo(new JsonObject { ["fields"] = JsonBodies.SortedObject(fields) });
    }

    private bool IsApiV3 => Config.ApiUrl.Absolute?.AbsolutePath.TrimEnd('/').EndsWith("/3", StringComparison.Ordinal) == true;

    private async Task TransitionAsync(string issueKey, string name, CancellationToken cancellationToken)
    {
        var url = Api($"issue/{issueKey}/transitions");
        var answer = await CallAsync(HttpMethod.Get, url, null, cancellationToken).ConfigureAwait(false);
        string? id = null;
        try
        {
            using var doc = JsonDocument.Parse(answer);
            if (doc.RootElement.TryGetProperty("transitions", out var transitions) && transitions.ValueKind == JsonValueKind.Array)
            {
                id = transitions.EnumerateArray()
                    .Where(tr => tr.TryGetProperty("name", out var n) && n.GetString() == name)
                    .Select(tr => tr.TryGetProperty("id", out var i) ? i.ToString() : null)
                    .FirstOrDefault();
            }
        }
        catch (JsonException ex)
        {
            throw new NotifyException($"{Integration}: invalid transitions answer for {issueKey}: {ex.Message}", retryable: false, ex);
        }
        if (id is null)
        {
            throw new NotifyException($"{Integration}: can't find transition {name} for issue {issueKey}", retryable: false);
        }
        await CallAsync(HttpMethod.Post, url, JsonBodies.WriteGo(new JsonObject { ["transition"] = new JsonObject { ["id"] = id } }), cancellationToken).ConfigureAwait(false);
    }

    private async Task<string> CallAsync(HttpMethod method, Uri url, string? body, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            message.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }
        message.Headers.TryAddWithoutValidation("Accept-Language", "en");
        return await HttpDelivery.SendForBodyAsync(Client, message, Integration, TimeSpan.Zero, cancellationToken, Retry).ConfigureAwait(false);
    }

    private Uri Api(string path) => ConfigValues.AbsoluteUrl(Config.ApiUrl.Text.TrimEnd('/') + "/" + path, "jira api_url");

    /// <summary>The first issue of a search answer (Jira sorts open ones first, then the most recently resolved).</summary>
    private (string Key, string? StatusCategory)? FirstIssue(string answer)
    {
        try
        {
            using var doc = JsonDocument.Parse(answer);
            if (!doc.RootElement.TryGetProperty("issues", out var issues) || issues.ValueKind != JsonValueKind.Array || issues.GetArrayLength() == 0)
            {
                return null;
            }
            var issue = issues[0];
            var key = issue.TryGetProperty("key", out var k) ? k.GetString() : null;
            string? category = null;
            if (issue.TryGetProperty("fields", out var fields) && fields.TryGetProperty("status", out var status)
                && status.TryGetProperty("statusCategory", out var statusCategory) && statusCategory.TryGetProperty("key", out var categoryKey))
            {
                category = categoryKey.GetString();
            }
            return string.IsNullOrEmpty(key) ? null : (key, category);
        }
        catch (JsonException ex)
        {
            throw new NotifyException($"{Integration}: invalid search answer: {ex.Message}", retryable: false, ex);
        }
    }

    private JsonNode? ParseDocument(string description)
    {
        try
        {
            return JsonNode.Parse(description);
        }
        catch (JsonException ex)
        {
            throw new NotifyException($"{Integration}: the description must be Atlassian Document Format JSON for API v3: {ex.Message}", retryable: false, ex);
        }
    }
}
