using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Argus.Templates.Formatting;

namespace Argus.Notify.Integrations;

/// <summary>
/// JSON bodies of the integrations, built as <see cref="JsonObject"/>s: fields a provider treats as optional are
/// left out when empty (Go's <c>omitempty</c>). The Argus-only kinds write text unescaped (UTF-8), which chat
/// providers for Chinese-speaking users expect to be readable in their logs; the kinds Alertmanager has are
/// written as Go's JSON encoder writes them (<see cref="WriteGo"/>), so a provider sees the same bytes.
/// </summary>
internal static class JsonBodies
{
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(JsonNode node) => node.ToJsonString(Options);

    /// <summary>
    /// Go's <c>json.Encoder</c> output for <paramref name="node"/>: members in the node's order (a Go struct's field
    /// order; build Go maps with sorted keys), strings with Go's escaping (<c>&lt;</c>, <c>&gt;</c> and <c>&amp;</c> as
    /// <c>\u003c</c>…, other text as UTF-8), floats in Go's form, and the newline <c>Encode</c> ends with.
    /// </summary>
    public static string WriteGo(JsonNode? node)
    {
        var sb = new StringBuilder();
        WriteGoValue(sb, node);
        return sb.Append('\n').ToString();
    }

    /// <summary>An object with the members of <paramref name="entries"/> in Go's map order (sorted by key).</summary>
    public static JsonObject SortedObject(IEnumerable<KeyValuePair<string, JsonNode?>> entries)
    {
        var obj = new JsonObject();
        foreach (var (key, value) in entries.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            obj[key] = value;
        }
        return obj;
    }

    private static void WriteGoValue(StringBuilder sb, JsonNode? node)
    {
        switch (node)
        {
            case null:
                sb.Append("null");
                break;
            case JsonObject obj:
                sb.Append('{');
                var firstMember = true;
                foreach (var (name, value) in obj)
                {
                    if (!firstMember)
                    {
                        sb.Append(',');
                    }
                    firstMember = false;
                    sb.Append(GoJson.Marshal(name)).Append(':');
                    WriteGoValue(sb, value);
                }
                sb.Append('}');
                break;
            case JsonArray array:
                sb.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(',');
                    }
                    WriteGoValue(sb, array[i]);
                }
                sb.Append(']');
                break;
            case JsonValue value:
                WriteGoScalar(sb, value);
                break;
        }
    }

    private static void WriteGoScalar(StringBuilder sb, JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                sb.Append(GoJson.Marshal(value.GetValue<string>()));
                break;
            case JsonValueKind.True:
                sb.Append("true");
                break;
            case JsonValueKind.False:
                sb.Append("false");
                break;
            case JsonValueKind.Number:
                if (value.TryGetValue<long>(out var l))
                {
                    sb.Append(l.ToString(CultureInfo.InvariantCulture));
                }
                else if (value.TryGetValue<int>(out var i))
                {
                    sb.Append(i.ToString(CultureInfo.InvariantCulture));
                }
                else if (value.TryGetValue<double>(out var d))
                {
                    sb.Append(GoJson.Marshal(d));
                }
                else
                {
                    sb.Append(value.ToJsonString());
                }
                break;
            default:
                sb.Append("null");
                break;
        }
    }

    /// <summary>Adds <paramref name="value"/> under <paramref name="name"/> unless it is null or empty.</summary>
    public static JsonObject AddIfNotEmpty(this JsonObject obj, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            obj[name] = value;
        }
        return obj;
    }

    /// <summary>Sets <paramref name="name"/> (even to an empty value: a Go field without <c>omitempty</c>).</summary>
    public static JsonObject With(this JsonObject obj, string name, JsonNode? value)
    {
        obj[name] = value;
        return obj;
    }

    public static JsonArray Array(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);

    /// <summary>Reads an integer field of a JSON response, or null when the body is not JSON or lacks it.</summary>
    public static long? ReadCode(string body, params string[] names)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }
            foreach (var name in names)
            {
                if (doc.RootElement.TryGetProperty(name, out var code) && code.ValueKind == JsonValueKind.Number && code.TryGetInt64(out var value))
                {
                    return value;
                }
            }
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Reads a boolean field of a JSON response, or null when the body is not JSON or lacks it.</summary>
    public static bool? ReadBool(string body, string name)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty(name, out var value)
                && value.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? value.GetBoolean()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Reads a string field of a JSON response, or null.</summary>
    public static string? ReadString(string body, string name)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
