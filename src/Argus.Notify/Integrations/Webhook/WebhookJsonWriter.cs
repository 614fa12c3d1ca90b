using System.Buffers;
using System.Globalization;
using System.Text;
using Argus.Alerting.Alerts;
using Argus.Model.Labels;
using Argus.Templates.Alertmanager;
using Argus.Templates.Formatting;

namespace Argus.Notify.Integrations.Webhook;

/// <summary>
/// Writes Alertmanager's webhook body (the <see cref="WebhookMessage"/> shape) straight from the alerts into UTF-8,
/// byte for byte what <see cref="GoJson"/> makes of <see cref="WebhookMessage"/> over
/// <see cref="TemplateExpander.CreateData"/>: the same field order, label maps sorted by name, Go's string escaping
/// (<c>&lt; &gt; &amp;</c> as <c>\u003c \u003e \u0026</c>, U+2028/U+2029 and control characters escaped, an unpaired
/// surrogate as the UTF-8 of U+FFFD) and RFC 3339 times with trimmed fractions, then a newline.
/// </summary>
/// <remarks>
/// Exists because a mass flush renders one body per group: the general path builds the template data (a dictionary
/// per label set, per alert) and walks it by reflection into a string that is then encoded again, which made rendering
/// and its garbage the largest cost of delivering a webhook. Not thread-safe; the buffer is rented from the shared
/// pool and returned by <see cref="Dispose"/>, so the body must be sent before the writer is disposed.
/// </remarks>
internal sealed class WebhookJsonWriter : IDisposable
{
    private static readonly SearchValues<char> Escaped = SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000a\u000b\u000c\u000d\u000e\u000f" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f" +
        "\"\\<>&\u2028\u2029");

    private static readonly byte[] HexDigits = "0123456789abcdef"u8.ToArray();

    private byte[] _buffer;
    private int _length;

    private WebhookJsonWriter(int capacity)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(capacity);
    }

    /// <summary>The body written; valid until <see cref="Dispose"/>.</summary>
    public ReadOnlyMemory<byte> Written => _buffer.AsMemory(0, _length);

    /// <summary>
    /// The body for <paramref name="request"/> with <paramref name="alerts"/> (all of its alerts or the prefix that
    /// <c>max_alerts</c> leaves) and <paramref name="truncated"/> alerts left out, as webhook <paramref name="version"/>.
    /// </summary>
    public static WebhookJsonWriter Write(NotificationRequest request, IReadOnlyList<Alert> alerts, int truncated, string version)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(alerts);
        var json = new WebhookJsonWriter(512 + (384 * alerts.Count));
        try
        {
            json.WriteMessage(request, alerts, truncated, version);
            return json;
        }
        catch
        {
            json.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _length = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void WriteMessage(NotificationRequest request, IReadOnlyList<Alert> alerts, int truncated, string version)
    {
        var now = request.Now;
        var anyFiring = false;
        foreach (var alert in alerts)
        {
            anyFiring |= !alert.IsResolved(now);
        }
        Append("{\"receiver\":"u8);
        String(NotificationData.QuoteMeta(request.Receiver));
        Append(anyFiring ? ",\"status\":\"firing\",\"alerts\":["u8 : ",\"status\":\"resolved\",\"alerts\":["u8);
        for (var i = 0; i < alerts.Count; i++)
        {
            if (i > 0)
            {
                Append((byte)',');
            }
            WriteAlert(alerts[i], now);
        }
        Append("],\"groupLabels\":"u8);
        Labels(request.GroupLabels.AsSpan());
        Append(",\"commonLabels\":"u8);
        CommonLabels(alerts, annotations: false);
        Append(",\"commonAnnotations\":"u8);
        CommonLabels(alerts, annotations: true);
        Append(",\"externalURL\":"u8);
        String(TemplateExpander.ExternalUrlText(request.ExternalUrl));
        Append(",\"version\":"u8);
        String(version);
        Append(",\"groupKey\":"u8);
        String(request.GroupKey);
        Append(",\"truncatedAlerts\":"u8);
        Integer(truncated);
        if (!string.IsNullOrEmpty(request.AckUrl))
        {
            Append(",\"ackURL\":"u8);
            String(request.AckUrl);
        }
        if (request.Silence is { } notice)
        {
            // Silence-lifecycle notices are rare: the general encoder writes their silence object.
            Append(",\"silence\":"u8);
            var silence = GoJson.Marshal(TemplateExpander.ToTemplateSilence(notice));
            Ensure(Encoding.UTF8.GetMaxByteCount(silence.Length));
            _length += Encoding.UTF8.GetBytes(silence, _buffer.AsSpan(_length));
        }
        Append("}\n"u8);
    }

    // As TemplateExpander.ToTemplateAlert: a firing alert's end is Go's zero time even when resolve_timeout gave it one.
    private void WriteAlert(Alert alert, DateTime now)
    {
        var resolved = alert.IsResolved(now);
        Append(resolved ? "{\"status\":\"resolved\",\"labels\":"u8 : "{\"status\":\"firing\",\"labels\":"u8);
        Labels(alert.Labels.AsSpan());
        Append(",\"annotations\":"u8);
        Labels(alert.Annotations.AsSpan());
        Append(",\"startsAt\":"u8);
        Time(alert.StartsAt);
        Append(",\"endsAt\":"u8);
        if (resolved)
        {
            Time(alert.EndsAt);
        }
        else
        {
            Append("\"0001-01-01T00:00:00Z\""u8);
        }
        Append(",\"generatorURL\":"u8);
        String(alert.GeneratorUrl);
        Append(",\"fingerprint\":\""u8);
        Ensure(17);
        alert.Fingerprint.TryFormat(_buffer.AsSpan(_length), out var written, "x16", CultureInfo.InvariantCulture);
        _length += written;
        Append("\"}"u8);
    }

    // A label set is sorted by name (ordinal), which is the order Go gives map keys.
    private void Labels(ReadOnlySpan<Label> labels)
    {
        Append((byte)'{');
        for (var i = 0; i < labels.Length; i++)
        {
            if (i > 0)
            {
                Append((byte)',');
            }
            String(labels[i].Name);
            Append((byte)':');
            String(labels[i].Value);
        }
        Append((byte)'}');
    }

    // The labels (or annotations) of the first alert that every other alert has with the same value. A label set
    // holds no empty values, so "absent" (Get's empty string) never equals a value.
    private void CommonLabels(IReadOnlyList<Alert> alerts, bool annotations)
    {
        Append((byte)'{');
        if (alerts.Count > 0)
        {
            var first = true;
            foreach (var label in (annotations ? alerts[0].Annotations : alerts[0].Labels).AsSpan())
            {
                var common = true;
                for (var i = 1; i < alerts.Count && common; i++)
                {
                    var other = annotations ? alerts[i].Annotations : alerts[i].Labels;
                    common = string.Equals(other.Get(label.Name), label.Value, StringComparison.Ordinal);
                }
                if (!common)
                {
                    continue;
                }
                if (!first)
                {
                    Append((byte)',');
                }
                first = false;
                String(label.Name);
                Append((byte)':');
                String(label.Value);
            }
        }
        Append((byte)'}');
    }

    // Go's RFC 3339 with nanoseconds, trailing zeros of the fraction trimmed; alert times are UTC.
    private void Time(DateTime time)
    {
        Ensure(32);
        var span = _buffer.AsSpan(_length);
        span[0] = (byte)'"';
        time.TryFormat(span[1..], out var written, "yyyy'-'MM'-'dd'T'HH':'mm':'ss", CultureInfo.InvariantCulture);
        var at = 1 + written;
        var fraction = (int)(time.Ticks % TimeSpan.TicksPerSecond);
        if (fraction != 0)
        {
            var digits = 7;
            while (fraction % 10 == 0)
            {
                fraction /= 10;
                digits--;
            }
            span[at++] = (byte)'.';
            for (var i = digits - 1; i >= 0; i--)
            {
                span[at + i] = (byte)('0' + (fraction % 10));
                fraction /= 10;
            }
            at += digits;
        }
        span[at++] = (byte)'Z';
        span[at++] = (byte)'"';
        _length += at;
    }

    private void Integer(int value)
    {
        Ensure(11);
        value.TryFormat(_buffer.AsSpan(_length), out var written, default, CultureInfo.InvariantCulture);
        _length += written;
    }

    // Runs without anything to escape go to UTF-8 in one call; Encoding.UTF8 turns an unpaired surrogate into U+FFFD's
    // bytes, as encoding GoJson's string did.
    private void String(string value)
    {
        Append((byte)'"');
        var rest = value.AsSpan();
        while (!rest.IsEmpty)
        {
            var special = rest.IndexOfAny(Escaped);
            var run = special < 0 ? rest : rest[..special];
            if (!run.IsEmpty)
            {
                Ensure(Encoding.UTF8.GetMaxByteCount(run.Length));
                _length += Encoding.UTF8.GetBytes(run, _buffer.AsSpan(_length));
            }
            if (special < 0)
            {
                break;
            }
            Escape(rest[special]);
            rest = rest[(special + 1)..];
        }
        Append((byte)'"');
    }

    private void Escape(char c)
    {
        switch (c)
        {
            case '"': Append("\\\""u8); return;
            case '\\': Append("\\\\"u8); return;
            case '\n': Append("\\n"u8); return;
            case '\r': Append("\\r"u8); return;
            case '\t': Append("\\t"u8); return;
            default:
                Ensure(6);
                _buffer[_length++] = (byte)'\\';
                _buffer[_length++] = (byte)'u';
                _buffer[_length++] = HexDigits[(c >> 12) & 0xf];
                _buffer[_length++] = HexDigits[(c >> 8) & 0xf];
                _buffer[_length++] = HexDigits[(c >> 4) & 0xf];
                _buffer[_length++] = HexDigits[c & 0xf];
                return;
        }
    }

    private void Append(byte b)
    {
        Ensure(1);
        _buffer[_length++] = b;
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    private void Ensure(int more)
    {
        if (_length + more <= _buffer.Length)
        {
            return;
        }
        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + more));
        _buffer.AsSpan(0, _length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }
}
