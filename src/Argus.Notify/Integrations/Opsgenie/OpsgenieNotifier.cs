using System.Text;
using System.Text.Json.Nodes;
using Argus.Alerting.Config.Receivers;
using Argus.Notify.Integrations.Http;

namespace Argus.Notify.Integrations.Opsgenie;

/// <summary>
/// <c>opsgenie_configs</c>: the Alert API v2 as Alertmanager uses it. The alert's alias is the SHA-256 of the group
/// key: a firing group creates (Opsgenie de-duplicates on the alias) the alert, a resolved one closes it by alias.
/// With <c>update_alerts</c> the message and description of an existing alert are also rewritten. Details are the
/// common labels plus the configured ones; a <c>teams</c> responder expands to one team per comma-separated name.
/// Requests carry <c>Authorization: GenieKey &lt;key&gt;</c>; 5xx and 429 are retried.
/// </summary>
public sealed class OpsgenieNotifier : HttpNotifier<OpsGenieConfig>
{
    /// <summary>Opsgenie's limit on the alert message.</summary>
    private const int MaxMessageRunes = 130;

    private static readonly HttpRetryPolicy Retry = HttpRetryPolicy.ServerErrorsAnd(429);

    public OpsgenieNotifier(OpsGenieConfig config, HttpClient client)
        : base(config, client)
    {
    }

    public override string Integration => "opsgenie";

    public override async Task NotifyAsync(NotificationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var calls = Render(request);
        foreach (var call in calls)
        {
            using var message = new HttpRequestMessage(call.Method, call.Url)
            {
                Content = new StringContent(call.Body, Encoding.UTF8, "application/json"),
            };
            message.Headers.TryAddWithoutValidation("Authorization", "GenieKey " + call.ApiKey);
            await HttpDelivery.SendForBodyAsync(Client, message, Integration, TimeSpan.Zero, cancellationToken, Retry).ConfigureAwait(false);
        }
    }

    /// <summary>The API calls for <paramref name="request"/>, in the order they are made.</summary>
    internal IReadOnlyList<ApiCall> Render(NotificationRequest request)
    {
        var t = new TemplateExpander(request, Integration);
        var alias = GroupKeys.Hash(request.GroupKey);
        var apiKey = t.Expand("api_key", ConfigValues.SecretOrFile(Config.ApiKey, Config.ApiKeyFile, "opsgenie api_key")).Trim();
        var escapedAlias = Uri.EscapeDataString(alias);
        if (t.Data.Status == "resolved")
        {
            var close = new JsonObject { ["source"] = t.Expand("source", Config.Source) };
            return [new ApiCall(HttpMethod.Post, Endpoint($"v2/alerts/{escapedAlias}/close?identifierType=alias"), JsonBodies.WriteGo(close), apiKey)];
        }
        var details = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (name, value) in (IReadOnlyDictionary<string, string>)t.Data.CommonLabels)
        {
            details[name] = value;
        }
        foreach (var (name, value) in Config.Details)
        {
            details[name] = t.Expand("details." + name, value);
        }
        var message = TextLimits.InRunes(t.Expand("message", Config.Message), MaxMessageRunes);
        var description = t.Expand("description", Config.Description);
        var create = new JsonObject
        {
            ["alias"] = alias,
            ["message"] = message,
        };
        create.AddIfNotEmpty("description", description);
        create["details"] = JsonBodies.SortedObject(details);
        create["source"] = t.Expand("source", Config.Source);
        var responders = Responders(t);
        if (responders.Count > 0)
        {
            create["responders"] = responders;
        }
        var tags = SplitList(t.Expand("tags", Config.Tags));
        if (tags.Count > 0)
        {
            create["tags"] = tags;
        }
        create.AddIfNotEmpty("note", t.Expand("note", Config.Note));
        create.AddIfNotEmpty("priority", t.Expand("priority", Config.Priority));
        create.AddIfNotEmpty("entity", t.Expand("entity", Config.Entity));
        var actions = SplitList(t.Expand("actions", Config.Actions));
        if (actions.Count > 0)
        {
            create["actions"] = actions;
        }
        var calls = new List<ApiCall> { new(HttpMethod.Post, Endpoint("v2/alerts"), JsonBodies.WriteGo(create), apiKey) };
        if (Config.UpdateAlerts)
        {
            calls.Add(new ApiCall(HttpMethod.Put, Endpoint($"v2/alerts/{escapedAlias}/message?identifierType=alias"),
                JsonBodies.WriteGo(new JsonObject().AddIfNotEmpty("message", message)), apiKey));
            calls.Add(new ApiCall(HttpMethod.Put, Endpoint($"v2/alerts/{escapedAlias}/description?identifierType=alias"),
                JsonBodies.WriteGo(new JsonObject().AddIfNotEmpty("description", description)), apiKey));
        }
        return calls;
    }

    private JsonArray Responders(TemplateExpander t)
    {
        var result = new JsonArray();
        foreach (var (responder, i) in Config.Responders.Select((r, i) => (r, i)))
        {
            var field = $"responders[{i}]";
            var id = t.Expand(field + ".id", responder.Id);
            var name = t.Expand(field + ".name", responder.Name);
            var username = t.Expand(field + ".username", responder.Username);
            var type = t.Expand(field + ".type", responder.Type);
            if (id.Length == 0 && name.Length == 0 && username.Length == 0 && type.Length == 0)
            {
                // Lets responders come from labels: one that renders empty is left out.
                continue;
            }
            if (type == "teams")
            {
                foreach (var team in SplitList(name))
                {
                    result.Add(new JsonObject { ["name"] = team!.GetValue<string>(), ["type"] = "team" });
                }
                continue;
            }
            result.Add(new JsonObject().AddIfNotEmpty("id", id).AddIfNotEmpty("name", name).AddIfNotEmpty("username", username).With("type", type));
        }
        return result;
    }

    /// <summary>A comma-separated list without its empty items (Alertmanager's <c>safeSplit</c>: only the whole text is trimmed).</summary>
    private static JsonArray SplitList(string text) =>
        new([.. text.Trim().Split(',').Where(s => s.Length > 0).Select(s => (JsonNode?)JsonValue.Create(s))]);

    private Uri Endpoint(string relative) => ConfigValues.AbsoluteUrl(Config.ApiUrl.Text + relative, "opsgenie api_url");

    /// <summary>One request of a notification.</summary>
    internal sealed record ApiCall(HttpMethod Method, Uri Url, string Body, string ApiKey);
}
