using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Argus.LoadTool.Alerting;

/// <summary>
/// Writes the bodies the alert load client posts: a JSON array of API v2 postable alerts, alert <c>i</c> carrying
/// the labels <c>alertname</c>, <c>scenario</c>, <c>run</c> and <c>seq=i</c>. A distinct <c>seq</c> gives every alert its
/// own group under <c>group_by: ['...']</c>, the worst case for memory and flush load, and lets the webhook sink
/// match a notification to the moment its alert was sent.
/// </summary>
internal static class AlertJson
{
    public static byte[] Alerts(string scenario, string run, int firstSeq, int count, DateTimeOffset startsAt, DateTimeOffset endsAt)
    {
        var buffer = new ArrayBufferWriter<byte>(count * 256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            for (var seq = firstSeq; seq < firstSeq + count; seq++)
            {
                json.WriteStartObject();
                json.WriteStartObject("labels");
                json.WriteString("alertname", "ArgusLoad");
                json.WriteString("scenario", scenario);
                json.WriteString("run", run);
                json.WriteString("seq", seq.ToString(CultureInfo.InvariantCulture));
                json.WriteString("instance", "host-" + (seq % 500).ToString("D3", CultureInfo.InvariantCulture) + ":9100");
                json.WriteString("severity", (seq & 1) == 0 ? "warning" : "critical");
                json.WriteEndObject();
                json.WriteStartObject("annotations");
                json.WriteString("summary", "load alert " + seq.ToString(CultureInfo.InvariantCulture) + " of the alert manager benchmark");
                json.WriteEndObject();
                json.WriteString("startsAt", startsAt);
                json.WriteString("endsAt", endsAt);
                json.WriteString("generatorURL", "http://127.0.0.1:9090/graph?g0.expr=up");
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A silence matching exactly the alert with sequence number <paramref name="seq"/> of a run.</summary>
    public static byte[] Silence(string scenario, string run, int seq, DateTimeOffset startsAt, DateTimeOffset endsAt)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("matchers");
            WriteMatcher(json, "scenario", scenario, isRegex: false);
            WriteMatcher(json, "run", run, isRegex: false);
            // A regex matcher as people write them, so the benchmark does not only measure equality lookups.
            WriteMatcher(json, "seq", seq.ToString(CultureInfo.InvariantCulture) + "|x" + seq.ToString(CultureInfo.InvariantCulture), isRegex: true);
            json.WriteEndArray();
            json.WriteString("startsAt", startsAt);
            json.WriteString("endsAt", endsAt);
            json.WriteString("createdBy", "argus-load");
            json.WriteString("comment", "benchmark silence " + seq.ToString(CultureInfo.InvariantCulture));
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteMatcher(Utf8JsonWriter json, string name, string value, bool isRegex)
    {
        json.WriteStartObject();
        json.WriteString("name", name);
        json.WriteString("value", value);
        json.WriteBoolean("isRegex", isRegex);
        json.WriteBoolean("isEqual", true);
        json.WriteEndObject();
    }
}
