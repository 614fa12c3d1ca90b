using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using Argus.Templates.Execution;

namespace Argus.Templates.Formatting;

/// <summary>
/// Go's <c>fmt.Sprint</c>, <c>Sprintln</c> and <c>Sprintf</c> over .NET values seen through
/// <see cref="GoValues"/>: verbs <c>%v %s %d %q %f %e %g %x %X %o %b %c %U %t %T %%</c> with the flags
/// <c>+ - # 0</c> and space, width and precision (also <c>*</c>), and Go's error forms
/// (<c>%!d(string=x)</c>, <c>%!s(MISSING)</c>, <c>%!(EXTRA …)</c>). Stateless and thread-safe.
/// </summary>
public static class GoFormatter
{
    /// <summary>Go's <c>fmt.Sprint</c>: spaces only between operands when neither is a string.</summary>
    public static string Sprint(IReadOnlyList<object?> args)
    {
        var sb = new StringBuilder();
        var previousString = false;
        for (var i = 0; i < args.Count; i++)
        {
            var isString = args[i] is string;
            if (i > 0 && !isString && !previousString)
            {
                sb.Append(' ');
            }
            FormatValue(sb, args[i], 'v', FormatSpec.Default, 0);
            previousString = isString;
        }
        return sb.ToString();
    }

    /// <summary>Go's <c>fmt.Sprintln</c>: operands separated by spaces, then a newline.</summary>
    public static string Sprintln(IReadOnlyList<object?> args)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < args.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(' ');
            }
            FormatValue(sb, args[i], 'v', FormatSpec.Default, 0);
        }
        sb.Append('\n');
        return sb.ToString();
    }

    /// <summary>Go's <c>%v</c> of one value.</summary>
    public static string FormatV(object? value)
    {
        var sb = new StringBuilder();
        FormatValue(sb, value, 'v', FormatSpec.Default, 0);
        return sb.ToString();
    }

    public static string Sprintf(string format, IReadOnlyList<object?> args)
    {
        var sb = new StringBuilder();
        var argIndex = 0;
        var reordered = false;
        var i = 0;
        while (i < format.Length)
        {
            var c = format[i];
            if (c != '%')
            {
                sb.Append(c);
                i++;
                continue;
            }
            i++;
            var spec = FormatSpec.Default;
            for (; i < format.Length; i++)
            {
                var flag = format[i];
                if (flag == '-') { spec.Minus = true; spec.Zero = false; }
                else if (flag == '+') { spec.Plus = true; }
                else if (flag == '#') { spec.Sharp = true; }
                else if (flag == ' ') { spec.Space = true; }
                else if (flag == '0') { spec.Zero = !spec.Minus; }
                else { break; }
            }
            var goodIndex = true;
            var afterIndex = ArgumentIndex(format, ref i, ref argIndex, args.Count, ref goodIndex, ref reordered);
            if (i < format.Length && format[i] == '*')
            {
                i++;
                if (TryIntArgument(args, ref argIndex, out var width))
                {
                    spec.Width = width;
                    if (spec.Width < 0)
                    {
                        spec.Minus = true;
                        spec.Zero = false;
                        spec.Width = -spec.Width;
                    }
                }
                else
                {
                    sb.Append("%!(BADWIDTH)");
                }
                afterIndex = false;
            }
            else
            {
                spec.Width = ParseNumber(format, ref i);
                if (afterIndex && spec.Width >= 0)
                {
                    goodIndex = false;
                }
            }
            if (i < format.Length && format[i] == '.')
            {
                i++;
                if (afterIndex)
                {
                    goodIndex = false;
                }
                afterIndex = ArgumentIndex(format, ref i, ref argIndex, args.Count, ref goodIndex, ref reordered);
                if (i < format.Length && format[i] == '*')
                {
                    i++;
                    if (TryIntArgument(args, ref argIndex, out var precision))
                    {
                        spec.Precision = precision < 0 ? -1 : precision;
                    }
                    else
                    {
                        sb.Append("%!(BADPREC)");
                    }
                    afterIndex = false;
                }
                else
                {
                    var p = ParseNumber(format, ref i);
                    spec.Precision = p < 0 ? 0 : p;
                }
            }
            if (!afterIndex)
            {
                ArgumentIndex(format, ref i, ref argIndex, args.Count, ref goodIndex, ref reordered);
            }
            if (i >= format.Length)
            {
                sb.Append("%!(NOVERB)");
                break;
            }
            var verb = format[i];
            if (char.IsHighSurrogate(verb) && i + 1 < format.Length)
            {
                sb.Append("%!").Append(format, i, 2).Append("(BADVERB)");
                i += 2;
                continue;
            }
            i++;
            if (verb == '%')
            {
                sb.Append('%');
                continue;
            }
            if (!goodIndex)
            {
                sb.Append("%!").Append(verb).Append("(BADINDEX)");
                continue;
            }
            if (argIndex >= args.Count)
            {
                sb.Append("%!").Append(verb).Append("(MISSING)");
                continue;
            }
            FormatValue(sb, args[argIndex++], verb, spec, 0);
        }
        if (!reordered && argIndex < args.Count)
        {
            sb.Append("%!(EXTRA ");
            for (var k = argIndex; k < args.Count; k++)
            {
                if (k > argIndex)
                {
                    sb.Append(", ");
                }
                if (args[k] is null)
                {
                    sb.Append("<nil>");
                }
                else
                {
                    sb.Append(GoValues.TypeName(args[k])).Append('=');
                    FormatValue(sb, args[k], 'v', FormatSpec.Default, 0);
                }
            }
            sb.Append(')');
        }
        return sb.ToString();
    }

    /// <summary>Go's explicit argument index <c>[n]</c>; returns whether one was present.</summary>
    private static bool ArgumentIndex(string format, ref int i, ref int argIndex, int count, ref bool goodIndex, ref bool reordered)
    {
        if (i >= format.Length || format[i] != '[')
        {
            return false;
        }
        reordered = true;
        var close = format.IndexOf(']', i);
        if (close < 0 || !int.TryParse(format.AsSpan(i + 1, close - i - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1 || n > count)
        {
            goodIndex = false;
            i = close < 0 ? format.Length : close + 1;
            return true;
        }
        argIndex = n - 1;
        i = close + 1;
        return true;
    }

    private static bool TryIntArgument(IReadOnlyList<object?> args, ref int argIndex, out int value)
    {
        value = 0;
        if (argIndex < args.Count && args[argIndex] is not null && GoValues.KindOf(args[argIndex]) is GoKind.Int or GoKind.Uint)
        {
            value = (int)Math.Clamp(GoValues.ToInt64(args[argIndex]!), -1_000_000, 1_000_000);
            argIndex++;
            return true;
        }
        argIndex++;
        return false;
    }

    private static int ParseNumber(string format, ref int i)
    {
        var start = i;
        var n = 0;
        while (i < format.Length && char.IsAsciiDigit(format[i]))
        {
            n = Math.Min((n * 10) + (format[i] - '0'), 1_000_000);
            i++;
        }
        return i == start ? -1 : n;
    }

    private static void FormatValue(StringBuilder sb, object? value, char verb, FormatSpec spec, int depth)
    {
        if (verb == 'T')
        {
            Pad(sb, GoValues.TypeName(value), spec);
            return;
        }
        if (value is null || value is NoValue)
        {
            var text = value is null ? "<nil>" : "<no value>";
            if (verb == 'v')
            {
                Pad(sb, text, spec);
            }
            else
            {
                sb.Append("%!").Append(verb).Append('(').Append(text).Append(')');
            }
            return;
        }
        if (depth > 32)
        {
            sb.Append("...");
            return;
        }
        switch (GoValues.KindOf(value))
        {
            case GoKind.Bool:
                if (verb is 'v' or 't')
                {
                    Pad(sb, (bool)value ? "true" : "false", spec);
                    return;
                }
                break;
            case GoKind.Int:
                if (FormatInteger(sb, GoValues.ToInt64(value), false, verb, spec))
                {
                    return;
                }
                break;
            case GoKind.Uint:
                if (FormatInteger(sb, unchecked((long)GoValues.ToUInt64(value)), true, verb, spec))
                {
                    return;
                }
                break;
            case GoKind.Float:
                if (FormatFloat(sb, GoValues.ToDouble(value), value is float, verb, spec))
                {
                    return;
                }
                break;
            case GoKind.String:
                if (FormatString(sb, (string)value, verb, spec))
                {
                    return;
                }
                break;
            case GoKind.Duration:
                if (verb is 'v' or 's' or 'q' or 'x' or 'X')
                {
                    FormatString(sb, GoTime.FormatDuration((TimeSpan)value), verb, spec);
                    return;
                }
                if (FormatInteger(sb, ((TimeSpan)value).Ticks * 100, false, verb, spec))
                {
                    return;
                }
                break;
            case GoKind.Time:
                if (verb is 'v' or 's' or 'q' or 'x' or 'X')
                {
                    FormatString(sb, GoTime.FormatTime(GoTime.ToDateTimeOffset(value)), verb, spec);
                    return;
                }
                break;
            case GoKind.Map:
                FormatMap(sb, value, verb, spec, depth);
                return;
            case GoKind.Slice:
                if (IsStringer(value.GetType()) && verb is 'v' or 's' or 'q')
                {
                    FormatString(sb, value.ToString() ?? string.Empty, verb, spec);
                    return;
                }
                sb.Append('[');
                var first = true;
                foreach (var item in (IEnumerable)value)
                {
                    if (!first)
                    {
                        sb.Append(' ');
                    }
                    first = false;
                    FormatValue(sb, item, verb, spec, depth + 1);
                }
                sb.Append(']');
                return;
            case GoKind.Func:
                Pad(sb, "0x" + RuntimeHelpers.GetHashCode(value).ToString("x", CultureInfo.InvariantCulture), spec);
                return;
            default:
                if (IsStringer(value.GetType()) && verb is 'v' or 's' or 'q' or 'x' or 'X')
                {
                    FormatString(sb, value.ToString() ?? string.Empty, verb, spec);
                    return;
                }
                FormatStruct(sb, value, verb, spec, depth);
                return;
        }
        BadVerb(sb, value, verb);
    }

    private static void FormatMap(StringBuilder sb, object value, char verb, FormatSpec spec, int depth)
    {
        if (IsStringer(value.GetType()) && verb is 'v' or 's' or 'q')
        {
            FormatString(sb, value.ToString() ?? string.Empty, verb, spec);
            return;
        }
        sb.Append("map[");
        var first = true;
        foreach (var entry in MapShape.For(value.GetType())!.SortedEntries(value))
        {
            if (!first)
            {
                sb.Append(' ');
            }
            first = false;
            FormatValue(sb, entry.Key, verb, spec, depth + 1);
            sb.Append(':');
            FormatValue(sb, entry.Value, verb, spec, depth + 1);
        }
        sb.Append(']');
    }

    private static void FormatStruct(StringBuilder sb, object value, char verb, FormatSpec spec, int depth)
    {
        if (depth > 0 && !value.GetType().IsValueType)
        {
            // A class instance inside another value is a Go pointer field: fmt prints its address.
            Pad(sb, "0x" + RuntimeHelpers.GetHashCode(value).ToString("x", CultureInfo.InvariantCulture), spec);
            return;
        }
        sb.Append('{');
        var first = true;
        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length != 0 || !property.CanRead)
            {
                continue;
            }
            if (!first)
            {
                sb.Append(' ');
            }
            first = false;
            if (spec.Plus)
            {
                sb.Append(property.Name).Append(':');
            }
            FormatValue(sb, property.GetValue(value), verb, spec, depth + 1);
        }
        sb.Append('}');
    }

    /// <summary>True when the type has its own <c>ToString</c> (Go's <c>fmt.Stringer</c>), not a compiler-generated one.</summary>
    private static bool IsStringer(Type type)
    {
        var method = type.GetMethod("ToString", Type.EmptyTypes);
        return method is not null && method.DeclaringType != typeof(object) && method.DeclaringType != typeof(ValueType)
            && method.DeclaringType?.Namespace?.StartsWith("System", StringComparison.Ordinal) != true
            && method.GetCustomAttribute<CompilerGeneratedAttribute>() is null;
    }

    private static void BadVerb(StringBuilder sb, object value, char verb)
    {
        sb.Append("%!").Append(verb).Append('(').Append(GoValues.TypeName(value)).Append('=');
        FormatValue(sb, value, 'v', FormatSpec.Default, 0);
        sb.Append(')');
    }

    private static bool FormatString(StringBuilder sb, string s, char verb, FormatSpec spec)
    {
        switch (verb)
        {
            case 'v':
            case 's':
                Pad(sb, Truncate(s, spec.Precision), spec);
                return true;
            case 'q':
                var truncated = Truncate(s, spec.Precision);
                Pad(sb, spec.Sharp && !truncated.Contains('`', StringComparison.Ordinal) && truncated.All(ch => ch >= ' ' || ch == '\t')
                    ? "`" + truncated + "`"
                    : spec.Plus ? GoLiteral.QuoteToAscii(truncated) : GoLiteral.Quote(truncated), spec);
                return true;
            case 'x':
            case 'X':
                var bytes = Encoding.UTF8.GetBytes(Truncate(s, spec.Precision));
                var hex = new StringBuilder();
                for (var b = 0; b < bytes.Length; b++)
                {
                    if (spec.Space && b > 0)
                    {
                        hex.Append(' ');
                    }
                    if (spec.Sharp && (spec.Space || b == 0))
                    {
                        hex.Append(verb == 'x' ? "0x" : "0X");
                    }
                    hex.Append(bytes[b].ToString(verb == 'x' ? "x2" : "X2", CultureInfo.InvariantCulture));
                }
                Pad(sb, hex.ToString(), spec);
                return true;
            default:
                return false;
        }
    }

    private static string Truncate(string s, int precision)
    {
        if (precision < 0)
        {
            return s;
        }
        var runes = s.EnumerateRunes().Take(precision + 1).ToList();
        return runes.Count <= precision ? s : string.Concat(runes.Take(precision).Select(r => r.ToString()));
    }

    private static bool FormatInteger(StringBuilder sb, long value, bool unsigned, char verb, FormatSpec spec)
    {
        int radix;
        switch (verb)
        {
            case 'v':
            case 'd':
                radix = 10;
                break;
            case 'b':
                radix = 2;
                break;
            case 'o':
            case 'O':
                radix = 8;
                break;
            case 'x':
            case 'X':
                radix = 16;
                break;
            case 'c':
                Pad(sb, RuneText(value), spec);
                return true;
            case 'q':
                Pad(sb, GoLiteral.QuoteRune(value is < 0 or > 0x10FFFF ? 0xFFFD : (int)value), spec);
                return true;
            case 'U':
                var u = "U+" + value.ToString("X4", CultureInfo.InvariantCulture);
                if (spec.Sharp && value is >= 0 and <= 0x10FFFF)
                {
                    u += " '" + RuneText(value) + "'";
                }
                Pad(sb, u, spec);
                return true;
            default:
                return false;
        }
        var negative = !unsigned && value < 0;
        var magnitude = negative ? (ulong)(-(value + 1)) + 1 : unchecked((ulong)value);
        var digits = ToRadix(magnitude, radix, verb == 'X');
        if (spec.Precision >= 0)
        {
            if (spec.Precision == 0 && magnitude == 0)
            {
                digits = string.Empty;
            }
            digits = digits.PadLeft(spec.Precision, '0');
        }
        var prefix = string.Empty;
        if (spec.Sharp || verb == 'O')
        {
            prefix = verb switch
            {
                'b' => "0b",
                'o' => digits.StartsWith('0') ? string.Empty : "0",
                'O' => "0o",
                'x' => "0x",
                'X' => "0X",
                _ => string.Empty,
            };
        }
        var sign = negative ? "-" : spec.Plus ? "+" : spec.Space ? " " : string.Empty;
        if (spec.Zero && spec.Width > 0 && spec.Precision < 0 && !spec.Minus)
        {
            digits = digits.PadLeft(spec.Width - sign.Length - prefix.Length, '0');
        }
        Pad(sb, sign + prefix + digits, spec, allowZero: false);
        return true;
    }

    private static string RuneText(long value) =>
        value is < 0 or > 0x10FFFF || value is >= 0xD800 and <= 0xDFFF ? "\uFFFD" : char.ConvertFromUtf32((int)value);

    private static string ToRadix(ulong value, int radix, bool upper)
    {
        if (radix == 10)
        {
            return value.ToString(CultureInfo.InvariantCulture);
        }
        if (value == 0)
        {
            return "0";
        }
        var chars = new StringBuilder();
        var alphabet = upper ? "0123456789ABCDEF" : "0123456789abcdef";
        while (value > 0)
        {
            chars.Insert(0, alphabet[(int)(value % (ulong)radix)]);
            value /= (ulong)radix;
        }
        return chars.ToString();
    }

    private static bool FormatFloat(StringBuilder sb, double value, bool is32Bit, char verb, FormatSpec spec)
    {
        char format;
        var precision = spec.Precision;
        switch (verb)
        {
            case 'v':
                format = 'g';
                break;
            case 'e':
            case 'E':
            case 'g':
            case 'G':
                format = verb;
                break;
            case 'f':
            case 'F':
                format = 'f';
                if (precision < 0)
                {
                    precision = 6;
                }
                break;
            default:
                return false;
        }
        if (verb is 'e' or 'E' && precision < 0)
        {
            precision = 6;
        }
        var text = GoFloatFormatter.Format(value, format, precision, is32Bit);
        if (double.IsNaN(value))
        {
            text = spec.Plus ? "+NaN" : spec.Space ? " NaN" : "NaN";
            Pad(sb, text, spec, allowZero: false);
            return true;
        }
        if (double.IsInfinity(value))
        {
            if (value > 0 && !spec.Plus)
            {
                text = spec.Space ? " Inf" : "+Inf";
            }
            Pad(sb, text, spec, allowZero: false);
            return true;
        }
        var sign = text.StartsWith('-') ? "-" : spec.Plus ? "+" : spec.Space ? " " : string.Empty;
        var body = text.TrimStart('-');
        if (spec.Zero && spec.Width > 0 && !spec.Minus)
        {
            body = body.PadLeft(spec.Width - sign.Length, '0');
        }
        Pad(sb, sign + body, spec, allowZero: false);
        return true;
    }

    private static void Pad(StringBuilder sb, string text, FormatSpec spec, bool allowZero = true)
    {
        if (spec.Width <= 0)
        {
            sb.Append(text);
            return;
        }
        var length = 0;
        foreach (var unused in text.EnumerateRunes())
        {
            length++;
        }
        var padding = spec.Width - length;
        if (padding <= 0)
        {
            sb.Append(text);
            return;
        }
        if (spec.Minus)
        {
            sb.Append(text).Append(' ', padding);
            return;
        }
        sb.Append(spec.Zero && allowZero ? '0' : ' ', padding).Append(text);
    }
}
