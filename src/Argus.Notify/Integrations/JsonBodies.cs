using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Argus.Notify.Integrations;

/// <summary>
/// JSON bodies of the chat and phone integrations, built as <see cref="JsonObject"/>s: fields a provider
/// treats as optional are left out when empty (Go's <c>omitempty</c>), and text is written unescaped
/// (UTF-8), which chat providers for Chinese-speaking users expect to be readable in their logs.
/// </summary>
internal static class JsonBodies
{
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(JsonNode node) => node.ToJsonString(Options);

    /// <summary>Adds <paramref name="value"/> under <paramref name="name"/> unless it is null or empty.</summary>
    public static JsonObject AddIfNotEmpty(this JsonObject obj, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            obj[name] = value;
        }
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
