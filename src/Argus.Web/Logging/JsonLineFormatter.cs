using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Argus.Web.Logging;

/// <summary>
/// Formats entries as one JSON object per line with the same keys as logfmt
/// (<c>ts</c>, <c>level</c>, <c>component</c>, <c>msg</c>, fields, <c>err</c>). Integers, finite
/// floats and booleans stay JSON numbers and booleans; everything else is a string.
/// </summary>
public static class JsonLineFormatter
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Format(LogEntry entry)
    {
        using var buffer = new MemoryStream(256);
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString("ts", LogValues.Timestamp(entry.Timestamp));
            json.WriteString("level", LogSettings.LevelName(entry.Level));
            json.WriteString("component", entry.Component);
            json.WriteString("msg", entry.Message);
            foreach (var (key, value) in entry.Fields)
            {
                json.WritePropertyName(key);
                WriteValue(json, value);
            }
            if (entry.Exception is not null)
            {
                json.WriteString("err", LogValues.ErrorText(entry.Exception));
            }
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length) + "\n";
    }

    private static void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNullValue();
                break;
            case bool b:
                json.WriteBooleanValue(b);
                break;
            case int or long or short or byte or uint or ushort or sbyte:
                json.WriteNumberValue(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
            case ulong u:
                json.WriteNumberValue(u);
                break;
            case double d when double.IsFinite(d):
                json.WriteNumberValue(d);
                break;
            case float f when float.IsFinite(f):
                json.WriteNumberValue(f);
                break;
            default:
                json.WriteStringValue(LogValues.ToText(value));
                break;
        }
    }
}
