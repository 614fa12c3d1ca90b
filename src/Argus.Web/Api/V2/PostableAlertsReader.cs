using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Argus.Alerting.Alerts;
using Argus.Model.Labels;

namespace Argus.Web.Api.V2;

/// <summary>
/// Reads the body of <c>POST /api/v2/alerts</c> (a JSON array of postable alerts) straight from its UTF-8 bytes into
/// <see cref="Alert"/>s, without a document tree or intermediate strings: label names and repeated values come from
/// the string pool by span, so an alert costs its two label arrays, its strings that are new, and the alert itself.
/// Answers the same errors, in the same order of precedence, as Alertmanager 0.25 (go-swagger's validation): a
/// malformed body before anything else, then per alert a missing <c>labels</c> object before wrongly typed fields, in
/// the order labels, annotations, startsAt, endsAt.
/// </summary>
internal static class PostableAlertsReader
{
    /// <summary>Why a body was refused: HTTP status, go-swagger's error code and message.</summary>
    internal readonly record struct Refusal(int Status, int Code, string Message);

    // Label names and values longer than this are decoded through a rented buffer instead of the stack.
    private const int StackChars = 256;

    /// <summary>
    /// Reads every alert of <paramref name="body"/> into <paramref name="alerts"/>, applying Alertmanager's defaults
    /// for missing times (<see cref="Alert.Received"/>); returns null, or the refusal of the whole body (then
    /// <paramref name="alerts"/> must be ignored).
    /// </summary>
    public static Refusal? Read(ReadOnlySpan<byte> body, DateTime now, TimeSpan resolveTimeout, List<Alert> alerts)
    {
        var reader = new Utf8JsonReader(body);
        var labels = new List<Label>(16);
        Refusal? refusal = null;
        try
        {
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                reader.Skip();
                refusal = Malformed("the body is not a JSON array of alerts");
            }
            else
            {
                var index = 0;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (refusal is not null)
                    {
                        // The rest is still read: a syntax error further on takes precedence, as when the whole
                        // body is parsed before it is validated.
                        reader.Skip();
                        continue;
                    }
                    refusal = ReadAlert(ref reader, body, index, now, resolveTimeout, labels, alerts);
                    index++;
                }
            }
            // Anything after the array but white space is a syntax error, which Read reports by throwing.
            reader.Read();
        }
        catch (JsonException e)
        {
            return Malformed(e.Message);
        }
        catch (InvalidOperationException e) when (e.InnerException is DecoderFallbackException)
        {
            // The reader checks the JSON's structure, not the UTF-8 inside strings; decoding a string finds that.
            return Malformed(e.Message);
        }
        return refusal;
    }

    // Reads one element of the array (the reader is on its first token) through its last token.
    private static Refusal? ReadAlert(ref Utf8JsonReader reader, ReadOnlySpan<byte> body, int index, DateTime now, TimeSpan resolveTimeout, List<Label> scratch, List<Alert> alerts)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return Required(index);
        }
        // A repeated field counts once, its last occurrence, as in a parsed document's property lookup.
        LabelSet? labels = null;
        string? labelsError = null;
        var annotations = LabelSet.Empty;
        string? annotationsError = null;
        DateTime startsAt = default, endsAt = default;
        string? startsAtError = null, endsAtError = null;
        var generatorUrl = string.Empty;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.ValueTextEquals("labels"u8))
            {
                reader.Read();
                labels = null;
                labelsError = null;
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    labels = ReadLabelSet(ref reader, "labels", scratch, out labelsError);
                }
                else
                {
                    reader.Skip();
                }
            }
            else if (reader.ValueTextEquals("annotations"u8))
            {
                reader.Read();
                annotations = LabelSet.Empty;
                annotationsError = null;
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    annotations = ReadLabelSet(ref reader, "annotations", scratch, out annotationsError);
                }
                else if (reader.TokenType != JsonTokenType.Null)
                {
                    reader.Skip();
                    annotationsError = "annotations in body must be of type object";
                }
            }
            else if (reader.ValueTextEquals("startsAt"u8))
            {
                reader.Read();
                startsAt = ReadTime(ref reader, body, "startsAt", out startsAtError);
            }
            else if (reader.ValueTextEquals("endsAt"u8))
            {
                reader.Read();
                endsAt = ReadTime(ref reader, body, "endsAt", out endsAtError);
            }
            else if (reader.ValueTextEquals("generatorURL"u8))
            {
                reader.Read();
                // Pooled like label values: every alert of a rule carries the same URL.
                generatorUrl = reader.TokenType == JsonTokenType.String ? DecodeString(ref reader, name: false) : string.Empty;
                reader.Skip();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        if (labels is null && labelsError is null)
        {
            return Required(index);
        }
        if ((labelsError ?? annotationsError ?? startsAtError ?? endsAtError) is { } error)
        {
            return new Refusal(422, 601, index.ToString(CultureInfo.InvariantCulture) + "." + error);
        }
        alerts.Add(Alert.Received(labels!, annotations, startsAt, endsAt, generatorUrl, now, resolveTimeout));
        return null;
    }

    private static Refusal Malformed(string reason) => new(400, 400, "parsing alerts body from \"\" failed, because " + reason);

    private static Refusal Required(int index) =>
        new(422, 602, index.ToString(CultureInfo.InvariantCulture) + ".labels in body is required");

    // The reader is on the object's start; reads through its end. Values must be strings; empty ones are dropped
    // before validation, as Alertmanager does.
    private static LabelSet ReadLabelSet(ref Utf8JsonReader reader, string field, List<Label> scratch, out string? error)
    {
        error = null;
        scratch.Clear();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = DecodeString(ref reader, name: true);
            reader.Read();
            if (reader.TokenType != JsonTokenType.String)
            {
                error ??= field + "." + name + " in body must be of type string";
                reader.Skip();
                continue;
            }
            if (error is null)
            {
                var value = DecodeString(ref reader, name: false);
                if (value.Length > 0)
                {
                    scratch.Add(new Label(name, value));
                }
            }
        }
        return error is null ? LabelSet.FromUnpooled(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(scratch)) : LabelSet.Empty;
    }

    // Names always come from the pool (there are few); values by the pool's admission rule.
    private static string DecodeString(ref Utf8JsonReader reader, bool name)
    {
        var maxChars = reader.HasValueSequence ? checked((int)reader.ValueSequence.Length) : reader.ValueSpan.Length;
        char[]? rented = null;
        Span<char> buffer = maxChars <= StackChars ? stackalloc char[StackChars] : (rented = ArrayPool<char>.Shared.Rent(maxChars));
        try
        {
            var chars = buffer[..reader.CopyString(buffer)];
            return name ? LabelStrings.Intern(chars) : AlertLabelStrings.Value(chars);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    // The reader is on the value; leaves it on the value's last token. Missing (null) is DateTime.MinValue.
    private static DateTime ReadTime(ref Utf8JsonReader reader, ReadOnlySpan<byte> body, string field, out string? error)
    {
        error = null;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return default;
        }
        if (reader.TokenType == JsonTokenType.String)
        {
            // The common form, RFC 3339 in UTC, is parsed from the bytes; anything else goes through the lenient parse
            // the API has always used (which takes a time without offset as UTC, where the JSON reader would not).
            if (!reader.ValueIsEscaped && reader.ValueSpan is [.., (byte)'Z'] && reader.TryGetDateTimeOffset(out var utc))
            {
                return utc.UtcDateTime;
            }
            if (AlertmanagerApi.TryParseTime(reader.GetString()!, out var parsed))
            {
                return parsed;
            }
        }
        var start = checked((int)reader.TokenStartIndex);
        reader.Skip();
        error = field + " in body must be of type date-time: " + Encoding.UTF8.GetString(body[start..checked((int)reader.BytesConsumed)]);
        return default;
    }
}
