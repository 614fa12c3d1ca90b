using System.Globalization;
using System.Text;
using Argus.Model;
using Argus.Model.Histograms;
using Argus.Model.Labels;
using Argus.Model.Time;

namespace Argus.PromQL.Testing;

/// <summary>Parses the pieces of the script language: series descriptors, floats in Go syntax,
/// durations and the expanding value notation (<c>0+10x5</c>, <c>_x3</c>, <c>stale</c>, <c>{{…}}</c>).</summary>
public static class SeriesNotation
{
    /// <summary>Splits a body line into its series descriptor and the rest.</summary>
    public static (string Series, string Values) SplitSeries(string line)
    {
        var i = 0;
        while (i < line.Length && !char.IsWhiteSpace(line[i]) && line[i] != '{')
        {
            i++;
        }
        if (i < line.Length && line[i] == '{')
        {
            var depth = 0;
            char quote = '\0';
            for (; i < line.Length; i++)
            {
                var c = line[i];
                if (quote != '\0')
                {
                    if (c == '\\' && quote != '`')
                    {
                        i++;
                    }
                    else if (c == quote)
                    {
                        quote = '\0';
                    }
                    continue;
                }
                if (c is '"' or '\'' or '`')
                {
                    quote = c;
                }
                else if (c == '{')
                {
                    depth++;
                }
                else if (c == '}' && --depth == 0)
                {
                    i++;
                    break;
                }
            }
            while (i < line.Length && !char.IsWhiteSpace(line[i]))
            {
                i++;
            }
        }
        return (line[..i], line[i..].Trim());
    }

    /// <summary>Parses <c>name</c>, <c>name{a="b"}</c>, <c>{__name__="x", a="b"}</c> or <c>{}</c>.</summary>
    public static LabelSet ParseLabels(string text)
    {
        var builder = new LabelSetBuilder();
        var i = 0;
        var nameStart = i;
        while (i < text.Length && text[i] != '{')
        {
            i++;
        }
        var name = text[nameStart..i].Trim();
        if (name.Length > 0)
        {
            builder.Set(LabelNames.MetricName, name);
        }
        if (i >= text.Length)
        {
            return builder.Build();
        }
        i++;
        while (true)
        {
            SkipBlanks(text, ref i);
            if (i >= text.Length)
            {
                throw new FormatException($"unterminated label set in \"{text}\"");
            }
            if (text[i] == '}')
            {
                break;
            }
            string label;
            if (text[i] is '"' or '\'' or '`')
            {
                label = ReadQuoted(text, ref i);
            }
            else
            {
                var s = i;
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '_' or ':'))
                {
                    i++;
                }
                label = text[s..i];
            }
            SkipBlanks(text, ref i);
            if (i < text.Length && text[i] is ',' or '}')
            {
                builder.Set(LabelNames.MetricName, label);
            }
            else
            {
                if (i >= text.Length || text[i] != '=')
                {
                    throw new FormatException($"expected '=' after label \"{label}\" in \"{text}\"");
                }
                i++;
                SkipBlanks(text, ref i);
                var value = ReadQuoted(text, ref i);
                builder.Set(label, value);
            }
            SkipBlanks(text, ref i);
            if (i < text.Length && text[i] == ',')
            {
                i++;
            }
        }
        return builder.Build();
    }

    private static void SkipBlanks(string text, ref int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }
    }

    /// <summary>Reads a Go-quoted string starting at <paramref name="i"/> (double, single or back quotes).</summary>
    public static string ReadQuoted(string text, ref int i)
    {
        if (i >= text.Length || text[i] is not ('"' or '\'' or '`'))
        {
            throw new FormatException($"expected a quoted string at offset {i} of \"{text}\"");
        }
        var start = i;
        var quote = text[i++];
        while (i < text.Length && text[i] != quote)
        {
            if (text[i] == '\\' && quote != '`')
            {
                i++;
            }
            i++;
        }
        if (i >= text.Length)
        {
            throw new FormatException($"unterminated string in \"{text}\"");
        }
        i++;
        var literal = text[start..i];
        var expr = Parser.PromqlParser.Parse(literal);
        return ((Ast.StringLiteral)expr).Value;
    }

    /// <summary>Go <c>strconv.ParseFloat</c> syntax including hex, Inf and NaN.</summary>
    public static bool TryParseFloat(string s, out double value)
    {
        value = 0;
        if (s.Length == 0)
        {
            return false;
        }
        var body = s;
        var negative = false;
        if (body[0] is '+' or '-')
        {
            negative = body[0] == '-';
            body = body[1..];
        }
        if (body.Equals("inf", StringComparison.OrdinalIgnoreCase) || body.Equals("infinity", StringComparison.OrdinalIgnoreCase))
        {
            value = negative ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }
        if (body.Equals("nan", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NaN;
            return true;
        }
        // "0x59" in a value list means 0 repeated; only spellings with hex letters are hex numbers,
        // since upstream's series lexer does not read hexadecimal where it would be ambiguous.
        if (body.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && body[2..].All(char.IsAsciiDigit))
        {
            return false;
        }
        if (body.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            if (ulong.TryParse(body[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
            {
                value = negative ? -(double)hex : hex;
                return true;
            }
            return false;
        }
        foreach (var c in body)
        {
            if (!(char.IsAsciiDigit(c) || c is '.' or 'e' or 'E' or '+' or '-' or '_'))
            {
                return false;
            }
        }
        if (!double.TryParse(body.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            return false;
        }
        if (negative)
        {
            value = -value;
        }
        return true;
    }

    /// <summary>A script duration (<c>5m</c>, <c>1h30m</c>, <c>0</c>), optionally signed, in ms.</summary>
    public static long ParseDuration(string s)
    {
        var negative = s.StartsWith('-');
        var body = s.TrimStart('-', '+');
        if (!PromDuration.TryParseMilliseconds(body, out var ms, out var error))
        {
            throw new FormatException(error);
        }
        return negative ? -ms : ms;
    }

    /// <summary>Splits a value list into items; <c>{{…}}</c> histograms (with spaces) stay whole.</summary>
    public static List<string> SplitItems(string text)
    {
        var items = new List<string>();
        var sb = new StringBuilder();
        var depth = 0;
        foreach (var c in text)
        {
            if (c == '{')
            {
                depth++;
            }
            else if (c == '}')
            {
                depth--;
            }
            if (char.IsWhiteSpace(c) && depth == 0)
            {
                if (sb.Length > 0)
                {
                    items.Add(sb.ToString());
                    sb.Clear();
                }
                continue;
            }
            sb.Append(c);
        }
        if (sb.Length > 0)
        {
            items.Add(sb.ToString());
        }
        return items;
    }

    /// <summary>Expands a value list into slots.</summary>
    public static List<Slot> ParseValues(string text)
    {
        var slots = new List<Slot>();
        foreach (var item in SplitItems(text))
        {
            ExpandItem(item, slots);
        }
        return slots;
    }

    private static void ExpandItem(string item, List<Slot> slots)
    {
        if (item == "_")
        {
            slots.Add(new Slot(SlotKind.Empty));
            return;
        }
        if (item.StartsWith("_x", StringComparison.Ordinal))
        {
            var n = int.Parse(item[2..], CultureInfo.InvariantCulture);
            for (var i = 0; i < n; i++)
            {
                slots.Add(new Slot(SlotKind.Empty));
            }
            return;
        }
        if (item == "stale")
        {
            slots.Add(new Slot(SlotKind.Float, StaleNaN.Value));
            return;
        }
        if (item.StartsWith("{{", StringComparison.Ordinal))
        {
            ExpandHistogramItem(item, slots);
            return;
        }
        if (TryParseFloat(item, out var single))
        {
            slots.Add(new Slot(SlotKind.Float, single));
            return;
        }
        var xi = item.LastIndexOf('x');
        if (xi <= 0 || !int.TryParse(item[(xi + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var reps))
        {
            throw new FormatException($"invalid value \"{item}\"");
        }
        var prefix = item[..xi];
        double start, delta = 0;
        if (!TryParseFloat(prefix, out start))
        {
            var split = -1;
            for (var i = 1; i < prefix.Length; i++)
            {
                if (prefix[i] is '+' or '-' && prefix[i - 1] is not ('e' or 'E'))
                {
                    split = i;
                    break;
                }
            }
            if (split < 0 || !TryParseFloat(prefix[..split], out start) || !TryParseFloat(prefix[(split + 1)..], out delta))
            {
                throw new FormatException($"invalid value \"{item}\"");
            }
            if (prefix[split] == '-')
            {
                delta = -delta;
            }
        }
        var current = start;
        slots.Add(new Slot(SlotKind.Float, current));
        for (var i = 0; i < reps; i++)
        {
            current += delta;
            slots.Add(new Slot(SlotKind.Float, current));
        }
    }

    /// <summary>Expands <c>{{A}}</c>, <c>{{A}}xN</c> (N+1 copies) and <c>{{A}}+{{B}}xN</c> /
    /// <c>{{A}}-{{B}}xN</c> (A, A±B, A±2B, …, N+1 values).</summary>
    private static void ExpandHistogramItem(string item, List<Slot> slots)
    {
        var close = item.IndexOf("}}", StringComparison.Ordinal);
        if (close < 0)
        {
            throw new FormatException($"unterminated native histogram \"{item}\"");
        }
        var first = HistogramNotation.Parse(item[..(close + 2)]);
        var hintGiven = item.Contains("counter_reset_hint", StringComparison.Ordinal);
        var rest = item[(close + 2)..];
        if (rest.Length == 0)
        {
            slots.Add(new Slot(SlotKind.Histogram, 0, first, hintGiven));
            return;
        }
        var x = rest.LastIndexOf('x');
        if (x < 0 || !int.TryParse(rest[(x + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var times))
        {
            throw new FormatException($"invalid native histogram expansion \"{item}\": expected {{{{…}}}}xN or {{{{…}}}}+{{{{…}}}}xN");
        }
        FloatHistogram? step = null;
        var subtract = false;
        if (x > 0)
        {
            if (rest[0] is not ('+' or '-') || !rest.AsSpan(1, x - 1).StartsWith("{{") || !rest.AsSpan(0, x).EndsWith("}}"))
            {
                throw new FormatException($"invalid native histogram expansion \"{item}\": expected {{{{…}}}}+{{{{…}}}}xN");
            }
            subtract = rest[0] == '-';
            step = HistogramNotation.Parse(rest[1..x]);
            if (first.Schema > step.Schema && !first.UsesCustomBuckets)
            {
                throw new FormatException($"invalid native histogram expansion \"{item}\": the start has a finer schema ({first.Schema}) than the increment ({step.Schema})");
            }
        }
        var current = first;
        slots.Add(new Slot(SlotKind.Histogram, 0, current, hintGiven));
        for (var i = 0; i < times; i++)
        {
            if (step is not null)
            {
                current = subtract ? current.Subtract(step) : current.Add(step);
            }
            slots.Add(new Slot(SlotKind.Histogram, 0, current, hintGiven));
        }
    }
}
