using System.Text.Json;
using System.Text.Json.Nodes;
using Argus.Alerting.Config.Receivers;

namespace Argus.Notify.Integrations;

/// <summary>
/// Expands free-form values (PagerDuty details, Jira fields) the way Alertmanager's <c>DeepCopyWithTemplate</c>
/// does: every string, map key included, is a template; a rendered string that reads as structured YAML or JSON
/// (a list from <c>toJson</c>, a number, a map) becomes that structure, and one that reads as nothing (empty) becomes
/// null. Maps come out in Go's order (sorted keys). Unlike Alertmanager, text a template produced is not expanded
/// a second time, so an alert annotation containing <c>{{</c> cannot break the notification.
/// </summary>
internal static class FreeformTemplates
{
    public static JsonNode? Expand(JsonNode? value, TemplateExpander t, string field)
    {
        switch (value)
        {
            case null:
                return null;
            case JsonObject obj:
                return JsonBodies.SortedObject(obj.Select(m => new KeyValuePair<string, JsonNode?>(
                    t.Expand(field + " key", m.Key), Expand(m.Value, t, field + "." + m.Key))));
            case JsonArray array:
                return new JsonArray([.. array.Select((item, i) => Expand(item, t, $"{field}[{i}]"))]);
            case JsonValue scalar when scalar.GetValueKind() == JsonValueKind.String:
                var rendered = t.Expand(field, scalar.GetValue<string>());
                if (!FreeformValues.TryParse(rendered, out var parsed))
                {
                    return JsonValue.Create(rendered);
                }
                return parsed is JsonValue parsedScalar && parsedScalar.GetValueKind() == JsonValueKind.String
                    ? JsonValue.Create(rendered)
                    : SortMaps(parsed);
            default:
                return value.DeepClone();
        }
    }

    /// <summary>Parsed JSON keeps its text order; Go re-encodes a decoded map with sorted keys.</summary>
    private static JsonNode? SortMaps(JsonNode? node) => node switch
    {
        JsonObject obj => JsonBodies.SortedObject(obj.Select(m => new KeyValuePair<string, JsonNode?>(m.Key, SortMaps(m.Value))).ToList()),
        JsonArray array => new JsonArray([.. array.Select(SortMaps)]),
        null => null,
        _ => node.DeepClone(),
    };
}
