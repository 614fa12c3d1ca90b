using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json.Serialization;
using Argus.Model.Formatting;
using Argus.Templates.Execution;

namespace Argus.Templates.Formatting;

/// <summary>
/// Go's <c>encoding/json.Marshal</c> output for template values: map keys sorted, HTML characters
/// escaped as <c>\u003c</c>, floats in Go's shortest form, times in RFC 3339 with trimmed fractions,
/// objects by their public properties (named by <see cref="JsonPropertyNameAttribute"/> when present, left out as
/// <see cref="JsonIgnoreAttribute"/> says).
/// </summary>
public static class GoJson
{
    // Reflection over a type's properties and attributes costs far more than writing them; a webhook notification
    // marshals the same few types for every group, so each type's members are read once.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, (PropertyInfo Property, string Name, JsonIgnoreCondition? Ignore)[]> Members = new();

    private static (PropertyInfo Property, string Name, JsonIgnoreCondition? Ignore)[] MembersOf(Type type) => Members.GetOrAdd(type, static t =>
        t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.CanRead && p.Name != "EqualityContract")
            .Select(p => (p, p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? p.Name, p.GetCustomAttribute<JsonIgnoreAttribute>()?.Condition))
            .ToArray());

    public static string Marshal(object? value)
    {
        var sb = new StringBuilder();
        Write(sb, value, 0);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, object? value, int depth)
    {
        if (depth > 64)
        {
            throw new InvalidOperationException("json: unsupported value: encountered a cycle");
        }
        switch (GoValues.KindOf(value))
        {
            case GoKind.Nil:
            case GoKind.Invalid:
                sb.Append("null");
                return;
            case GoKind.Bool:
                sb.Append((bool)value! ? "true" : "false");
                return;
            case GoKind.Int:
                sb.Append(GoValues.ToInt64(value!).ToString(CultureInfo.InvariantCulture));
                return;
            case GoKind.Uint:
                sb.Append(GoValues.ToUInt64(value!).ToString(CultureInfo.InvariantCulture));
                return;
            case GoKind.Float:
                sb.Append(Float(GoValues.ToDouble(value!)));
                return;
            case GoKind.String:
                WriteString(sb, (string)value!);
                return;
            case GoKind.Duration:
                sb.Append((((TimeSpan)value!).Ticks * 100).ToString(CultureInfo.InvariantCulture));
                return;
            case GoKind.Time:
                WriteString(sb, GoTime.Format(GoTime.ToDateTimeOffset(value!), "2006-01-02T15:04:05.999999999Z07:00"));
                return;
            case GoKind.Map:
                sb.Append('{');
                var firstEntry = true;
                foreach (var entry in MapShape.For(value!.GetType())!.SortedEntries(value!))
                {
                    if (!firstEntry)
                    {
                        sb.Append(',');
                    }
                    firstEntry = false;
                    WriteString(sb, Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty);
                    sb.Append(':');
                    Write(sb, entry.Value, depth + 1);
                }
                sb.Append('}');
                return;
            case GoKind.Slice:
                sb.Append('[');
                var firstItem = true;
                foreach (var item in (IEnumerable)value!)
                {
                    if (!firstItem)
                    {
                        sb.Append(',');
                    }
                    firstItem = false;
                    Write(sb, item, depth + 1);
                }
                sb.Append(']');
                return;
            case GoKind.Func:
                throw new InvalidOperationException($"json: unsupported type: {GoValues.TypeName(value)}");
            default:
                sb.Append('{');
                var firstProperty = true;
                foreach (var (property, name, ignore) in MembersOf(value!.GetType()))
                {
                    var propertyValue = property.GetValue(value);
                    // [JsonIgnore] as System.Text.Json reads it: always, or (Go's omitempty for pointers) when null.
                    if (ignore is { } condition &&
                        (condition == JsonIgnoreCondition.Always || (condition == JsonIgnoreCondition.WhenWritingNull && propertyValue is null)))
                    {
                        continue;
                    }
                    if (!firstProperty)
                    {
                        sb.Append(',');
                    }
                    firstProperty = false;
                    WriteString(sb, name);
                    sb.Append(':');
                    Write(sb, propertyValue, depth + 1);
                }
                sb.Append('}');
                return;
        }
    }

    /// <summary>Go's float encoding: shortest digits, exponent form only below 1e-6 or from 1e21.</summary>
    private static string Float(double v)
    {
        if (double.IsNaN(v) || double.IsInfinity(v))
        {
            throw new InvalidOperationException($"json: unsupported value: {GoFloatFormatter.FormatV(v)}");
        }
        var abs = Math.Abs(v);
        if (abs != 0 && (abs < 1e-6 || abs >= 1e21))
        {
            var e = GoFloat.FormatE(v);
            // Go trims "e-07" to "e-7".
            var n = e.Length;
            if (n >= 4 && e[n - 4] == 'e' && e[n - 3] == '-' && e[n - 2] == '0')
            {
                e = e[..(n - 2)] + e[(n - 1)..];
            }
            return e;
        }
        return GoFloat.FormatF(v);
    }

    private static void WriteString(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '<': sb.Append("\\u003c"); break;
                case '>': sb.Append("\\u003e"); break;
                case '&': sb.Append("\\u0026"); break;
                case '\u2028': sb.Append("\\u2028"); break;
                case '\u2029': sb.Append("\\u2029"); break;
                default:
                    if (c < ' ')
                    {
                        sb.Append("\\u00").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }
                    break;
            }
        }
        sb.Append('"');
    }
}
