using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Argus.Model.Labels;

namespace Argus.Rules.Notifier;

/// <summary>
/// Writes alerts as the JSON array of <c>postableAlert</c> objects Alertmanager's API v2 accepts at
/// <c>POST /api/v2/alerts</c>: <c>annotations</c> (left out when empty), <c>endsAt</c>, <c>startsAt</c>,
/// <c>generatorURL</c> (left out when empty) and <c>labels</c>, in the field order Prometheus writes them, with
/// times as RFC 3339 in UTC with milliseconds.
/// </summary>
public static class PostableAlertWriter
{
    // Label values are arbitrary UTF-8: write them as they are rather than as \u escapes; the JSON stays valid.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Write(IReadOnlyList<OutgoingAlert> alerts)
    {
        var buffer = new ArrayBufferWriter<byte>(256 * Math.Max(1, alerts.Count));
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartArray();
            foreach (var alert in alerts)
            {
                writer.WriteStartObject();
                if (alert.Annotations.Count > 0)
                {
                    WriteLabels(writer, "annotations", alert.Annotations);
                }
                writer.WriteString("endsAt", FormatTime(alert.EndsAt));
                writer.WriteString("startsAt", FormatTime(alert.StartsAt));
                if (alert.GeneratorUrl.Length > 0)
                {
                    writer.WriteString("generatorURL", alert.GeneratorUrl);
                }
                WriteLabels(writer, "labels", alert.Labels);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>RFC 3339 with exactly three fractional digits, as Go's <c>strfmt.DateTime</c> marshals.</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static void WriteLabels(Utf8JsonWriter writer, string name, LabelSet labels)
    {
        writer.WriteStartObject(name);
        foreach (var label in labels.AsSpan())
        {
            writer.WriteString(label.Name, label.Value);
        }
        writer.WriteEndObject();
    }
}
