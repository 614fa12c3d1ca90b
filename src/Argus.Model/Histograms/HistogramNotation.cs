using System.Globalization;
using System.Text;
using Argus.Model.Formatting;

namespace Argus.Model.Histograms;

/// <summary>
/// The <c>{{schema:0 sum:5 count:4 z_bucket:1 z_bucket_w:0.001 buckets:[1 2] offset:-1 n_buckets:[1]
/// n_offset:0 custom_values:[…] counter_reset_hint:gauge}}</c> notation of PromQL test scripts and rule
/// unit tests. Every key is optional and may appear once; bucket lists are one contiguous span.
/// </summary>
public static class HistogramNotation
{
    /// <summary>Parses one histogram in double braces.</summary>
    /// <exception cref="FormatException">The text is not valid notation; the message names the key and cause.</exception>
    public static FloatHistogram Parse(string text)
    {
        var body = text.Trim();
        if (!body.StartsWith("{{", StringComparison.Ordinal) || !body.EndsWith("}}", StringComparison.Ordinal))
        {
            throw new FormatException($"native histogram \"{text}\" must be written in double braces {{{{…}}}}");
        }
        body = body[2..^2];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int schema = 0, offset = 0, negativeOffset = 0;
        double sum = 0, count = 0, zeroCount = 0, zeroThreshold = 0;
        double[] positive = [], negative = [], custom = [];
        var hint = CounterResetHint.Unknown;
        var i = 0;
        while (true)
        {
            while (i < body.Length && char.IsWhiteSpace(body[i]))
            {
                i++;
            }
            if (i >= body.Length)
            {
                break;
            }
            var colon = body.IndexOf(':', i);
            if (colon < 0)
            {
                throw new FormatException($"native histogram \"{text}\": expected key:value at \"{body[i..]}\"");
            }
            var key = body[i..colon].Trim();
            if (!seen.Add(key))
            {
                throw new FormatException($"native histogram \"{text}\": key \"{key}\" given twice");
            }
            i = colon + 1;
            string value;
            if (i < body.Length && body[i] == '[')
            {
                var close = body.IndexOf(']', i);
                if (close < 0)
                {
                    throw new FormatException($"native histogram \"{text}\": unterminated list for \"{key}\"");
                }
                value = body[i..(close + 1)];
                i = close + 1;
            }
            else
            {
                var start = i;
                while (i < body.Length && !char.IsWhiteSpace(body[i]))
                {
                    i++;
                }
                value = body[start..i];
            }
            switch (key)
            {
                case "schema":
                    schema = ParseInt(text, key, value);
                    break;
                case "sum":
                    sum = ParseFloat(text, key, value);
                    break;
                case "count":
                    count = ParseFloat(text, key, value);
                    break;
                case "z_bucket":
                    zeroCount = ParseFloat(text, key, value);
                    break;
                case "z_bucket_w":
                    zeroThreshold = ParseFloat(text, key, value);
                    break;
                case "buckets":
                    positive = ParseList(text, key, value);
                    break;
                case "offset":
                    offset = ParseInt(text, key, value);
                    break;
                case "n_buckets":
                    negative = ParseList(text, key, value);
                    break;
                case "n_offset":
                    negativeOffset = ParseInt(text, key, value);
                    break;
                case "custom_values":
                    custom = ParseList(text, key, value);
                    break;
                case "counter_reset_hint":
                    hint = value switch
                    {
                        "unknown" => CounterResetHint.Unknown,
                        "reset" => CounterResetHint.Reset,
                        "not_reset" => CounterResetHint.NotReset,
                        "gauge" => CounterResetHint.Gauge,
                        _ => throw new FormatException($"native histogram \"{text}\": counter_reset_hint must be unknown, reset, not_reset or gauge, not \"{value}\""),
                    };
                    break;
                default:
                    throw new FormatException($"native histogram \"{text}\": unknown key \"{key}\"");
            }
        }
        if (schema != FloatHistogram.CustomBucketsSchema && (schema < FloatHistogram.MinStandardSchema || schema > FloatHistogram.MaxStandardSchema))
        {
            throw new FormatException($"native histogram \"{text}\": schema {schema} is neither -4…8 nor -53 (custom buckets)");
        }
        if (custom.Length > 0 && schema != FloatHistogram.CustomBucketsSchema)
        {
            throw new FormatException($"native histogram \"{text}\": custom_values need schema -53");
        }
        return new FloatHistogram
        {
            Schema = schema,
            Sum = sum,
            Count = count,
            ZeroCount = zeroCount,
            ZeroThreshold = zeroThreshold,
            PositiveSpans = positive.Length > 0 ? [new HistogramSpan(offset, positive.Length)] : [],
            PositiveBuckets = positive,
            NegativeSpans = negative.Length > 0 ? [new HistogramSpan(negativeOffset, negative.Length)] : [],
            NegativeBuckets = negative,
            CustomValues = custom,
            CounterResetHint = hint,
        };
    }

    private static int ParseInt(string text, string key, string value) =>
        int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new FormatException($"native histogram \"{text}\": {key} must be an integer, not \"{value}\"");

    private static double ParseFloat(string text, string key, string value)
    {
        var body = value.TrimStart('+');
        var negative = false;
        if (body.StartsWith('-'))
        {
            negative = true;
            body = body[1..];
        }
        double parsed;
        if (body.Equals("inf", StringComparison.OrdinalIgnoreCase))
        {
            parsed = double.PositiveInfinity;
        }
        else if (body.Equals("nan", StringComparison.OrdinalIgnoreCase))
        {
            parsed = double.NaN;
        }
        else if (!double.TryParse(body, NumberStyles.Float, CultureInfo.InvariantCulture, out parsed))
        {
            throw new FormatException($"native histogram \"{text}\": {key} must be a number, not \"{value}\"");
        }
        return negative ? -parsed : parsed;
    }

    private static double[] ParseList(string text, string key, string value)
    {
        if (!value.StartsWith('[') || !value.EndsWith(']'))
        {
            throw new FormatException($"native histogram \"{text}\": {key} must be a list in brackets, not \"{value}\"");
        }
        var items = value[1..^1].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var result = new double[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            result[i] = ParseFloat(text, key, items[i]);
        }
        return result;
    }

    /// <summary>Writes the notation, omitting keys at their defaults; gaps between spans become zero
    /// buckets since the notation has one span per side.</summary>
    public static string Format(FloatHistogram h)
    {
        var sb = new StringBuilder("{{");
        void Key(string key, string value) => sb.Append(sb.Length > 2 ? " " : string.Empty).Append(key).Append(':').Append(value);
        if (h.Schema != 0)
        {
            Key("schema", h.Schema.ToString(CultureInfo.InvariantCulture));
        }
        Key("count", GoFloat.FormatG(h.Count));
        Key("sum", GoFloat.FormatG(h.Sum));
        if (h.ZeroCount != 0)
        {
            Key("z_bucket", GoFloat.FormatG(h.ZeroCount));
        }
        if (h.ZeroThreshold != 0)
        {
            Key("z_bucket_w", GoFloat.FormatG(h.ZeroThreshold));
        }
        if (h.CustomValues.Length > 0)
        {
            Key("custom_values", List(h.CustomValues));
        }
        WriteSide(h.PositiveSpans, h.PositiveBuckets, "offset", "buckets", Key);
        WriteSide(h.NegativeSpans, h.NegativeBuckets, "n_offset", "n_buckets", Key);
        if (h.CounterResetHint != CounterResetHint.Unknown)
        {
            Key("counter_reset_hint", h.CounterResetHint switch
            {
                CounterResetHint.Reset => "reset",
                CounterResetHint.NotReset => "not_reset",
                _ => "gauge",
            });
        }
        return sb.Append("}}").ToString();
    }

    private static void WriteSide(HistogramSpan[] spans, double[] buckets, string offsetKey, string bucketsKey, Action<string, string> key)
    {
        var indexed = FloatHistogram.Indexed(spans, buckets);
        if (indexed.Count == 0)
        {
            return;
        }
        var first = indexed[0].Index;
        var dense = new double[indexed[^1].Index - first + 1];
        foreach (var (index, count) in indexed)
        {
            dense[index - first] = count;
        }
        if (first != 0)
        {
            key(offsetKey, first.ToString(CultureInfo.InvariantCulture));
        }
        key(bucketsKey, List(dense));
    }

    private static string List(double[] values) => "[" + string.Join(' ', values.Select(GoFloat.FormatG)) + "]";
}
