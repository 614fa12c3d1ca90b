using System.Globalization;
using Argus.Alerting.Alerts;
using Argus.Alerting.Silences;
using Argus.Model.Labels;
using Argus.Web.Api.Json;
using MatchType = Argus.Model.Labels.MatchType;

namespace Argus.Web.Api.V2;

/// <summary>Writes API v2 objects with the field order and time format of Alertmanager 0.25 (go-swagger models).</summary>
internal static class AlertmanagerJson
{
    /// <summary>RFC 3339 in UTC with milliseconds, as go-openapi's <c>strfmt.DateTime</c> prints it.</summary>
    public static string Time(DateTime time) =>
        DateTime.SpecifyKind(time, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static void LabelSet(GoJsonWriter json, LabelSet labels)
    {
        json.StartObject();
        foreach (var label in labels.AsSpan())
        {
            json.Property(label.Name, label.Value);
        }
        json.EndObject();
    }

    public static void Alert(GoJsonWriter json, Alert alert, IReadOnlyList<string> receivers, IReadOnlyList<string> silencedBy, IReadOnlyList<string> inhibitedBy)
    {
        json.StartObject();
        json.Name("annotations");
        LabelSet(json, alert.Annotations);
        json.Property("endsAt", Time(alert.EndsAt));
        json.Property("fingerprint", AlertFingerprint.Format(alert.Fingerprint));
        json.Name("receivers");
        json.StartArray();
        foreach (var receiver in receivers)
        {
            json.StartObject();
            json.Property("name", receiver);
            json.EndObject();
        }
        json.EndArray();
        json.Property("startsAt", Time(alert.StartsAt));
        json.Name("status");
        json.StartObject();
        json.Name("inhibitedBy");
        json.StartArray();
        foreach (var fingerprint in inhibitedBy)
        {
            json.String(fingerprint);
        }
        json.EndArray();
        json.Name("silencedBy");
        json.StartArray();
        foreach (var id in silencedBy)
        {
            json.String(id);
        }
        json.EndArray();
        json.Property("state", silencedBy.Count > 0 || inhibitedBy.Count > 0 ? "suppressed" : "active");
        json.EndObject();
        json.Property("updatedAt", Time(alert.UpdatedAt));
        if (alert.GeneratorUrl.Length > 0)
        {
            json.Property("generatorURL", alert.GeneratorUrl);
        }
        json.Name("labels");
        LabelSet(json, alert.Labels);
        json.EndObject();
    }

    public static string State(SilenceState state) => state switch
    {
        SilenceState.Active => "active",
        SilenceState.Pending => "pending",
        _ => "expired",
    };

    public static void Silence(GoJsonWriter json, Silence silence, DateTime now)
    {
        json.StartObject();
        json.Property("id", silence.Id);
        json.Name("status");
        json.StartObject();
        json.Property("state", State(silence.StateAt(now)));
        json.EndObject();
        json.Property("updatedAt", Time(silence.UpdatedAt));
        json.Property("comment", silence.Comment);
        json.Property("createdBy", silence.CreatedBy);
        json.Property("endsAt", Time(silence.EndsAt));
        json.Name("matchers");
        json.StartArray();
        foreach (var m in silence.Matchers)
        {
            json.StartObject();
            json.Name("isEqual");
            json.Bool(m.Type is MatchType.Equal or MatchType.Regex);
            json.Name("isRegex");
            json.Bool(m.Type is MatchType.Regex or MatchType.NotRegex);
            json.Property("name", m.Name);
            json.Property("value", m.Value);
            json.EndObject();
        }
        json.EndArray();
        json.Property("startsAt", Time(silence.StartsAt));
        // Argus extension, only when set so that ordinary silences look exactly as in Alertmanager (amtool ignores it).
        if (silence.ExpiresOnResolve)
        {
            json.Name("expireOnResolve");
            json.Bool(true);
        }
        json.EndObject();
    }
}
