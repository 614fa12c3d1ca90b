using System.Globalization;
using System.Text;

namespace Argus.PromQL;

/// <summary>Formats floats and strings the way Go's <c>strconv</c> does, because PromQL output
/// (printed queries, label values made from numbers, API values) must match Prometheus byte for byte.</summary>
public static class GoFormat
{
    /// <summary>Go <c>strconv.FormatFloat(v, 'g', -1, 64)</c>, which is also what <c>fmt.Sprint</c>
    /// prints: exponent form when the decimal exponent is below -4 or at least 6.</summary>
    public static string FormatG(double v)
    {
        if (double.IsNaN(v))
        {
            return "NaN";
        }
        if (double.IsPositiveInfinity(v))
        {
            return "+Inf";
        }
        if (double.IsNegativeInfinity(v))
        {
            return "-Inf";
        }
        var (negative, digits, exp) = Decompose(v);
        var sb = new StringBuilder();
        if (negative)
        {
            sb.Append('-');
        }
        var x = exp - 1;
        // strconv uses precision 6 for the %e decision when formatting shortest.
        if (x < -4 || x >= 6)
        {
            AppendExponent(sb, digits, x);
        }
        else
        {
            AppendFixed(sb, digits, exp);
        }
        return sb.ToString();
    }

    /// <summary>Go <c>strconv.FormatFloat(v, 'f', -1, 64)</c>.</summary>
    public static string FormatF(double v)
    {
        if (!double.IsFinite(v))
        {
            return FormatG(v);
        }
        var (negative, digits, exp) = Decompose(v);
        var sb = new StringBuilder();
        if (negative)
        {
            sb.Append('-');
        }
        AppendFixed(sb, digits, exp);
        return sb.ToString();
    }

    /// <summary>Go <c>strconv.FormatFloat(v, 'e', -1, 64)</c>: shortest digits in exponent form (<c>1e-07</c>).</summary>
    public static string FormatE(double v)
    {
        if (!double.IsFinite(v))
        {
            return FormatG(v);
        }
        var (negative, digits, exp) = Decompose(v);
        var sb = new StringBuilder();
        if (negative)
        {
            sb.Append('-');
        }
        AppendExponent(sb, digits, digits == "0" ? 0 : exp - 1);
        return sb.ToString();
    }

    /// <summary>Shortest round-trip digits (no leading/trailing zeros) and decimal exponent such that
    /// value = 0.digits × 10^exp.</summary>
    private static (bool Negative, string Digits, int Exp) Decompose(double v)
    {
        var negative = v < 0 || (v == 0 && double.IsNegative(v));
        var shortest = Math.Abs(v).ToString("R", CultureInfo.InvariantCulture);
        string mantissa;
        var exp10 = 0;
        var e = shortest.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            mantissa = shortest[..e];
            exp10 = int.Parse(shortest[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        }
        else
        {
            mantissa = shortest;
        }
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        string intPart = dot >= 0 ? mantissa[..dot] : mantissa;
        string fracPart = dot >= 0 ? mantissa[(dot + 1)..] : string.Empty;
        var all = intPart + fracPart;
        var pointPos = intPart.Length + exp10;
        var lead = 0;
        while (lead < all.Length - 1 && all[lead] == '0')
        {
            lead++;
        }
        all = all[lead..];
        pointPos -= lead;
        all = all.TrimEnd('0');
        if (all.Length == 0)
        {
            return (negative, "0", 1);
        }
        return (negative, all, pointPos);
    }

    private static void AppendExponent(StringBuilder sb, string digits, int x)
    {
        sb.Append(digits[0]);
        if (digits.Length > 1)
        {
            sb.Append('.').Append(digits, 1, digits.Length - 1);
        }
        sb.Append('e').Append(x < 0 ? '-' : '+');
        var ax = Math.Abs(x);
        if (ax < 10)
        {
            sb.Append('0');
        }
        sb.Append(ax.ToString(CultureInfo.InvariantCulture));
    }

    private static void AppendFixed(StringBuilder sb, string digits, int exp)
    {
        if (digits == "0")
        {
            sb.Append('0');
            return;
        }
        if (exp <= 0)
        {
            sb.Append("0.").Append('0', -exp).Append(digits);
        }
        else if (exp >= digits.Length)
        {
            sb.Append(digits).Append('0', exp - digits.Length);
        }
        else
        {
            sb.Append(digits, 0, exp).Append('.').Append(digits, exp, digits.Length - exp);
        }
    }

    /// <summary>Go <c>strconv.Quote</c>: double-quoted with Go escapes.</summary>
    public static string Quote(string s)
    {
        var sb = new StringBuilder(s.Length + 2);
        sb.Append('"');
        foreach (var rune in s.EnumerateRunes())
        {
            switch (rune.Value)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\a': sb.Append("\\a"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\v': sb.Append("\\v"); break;
                default:
                    if (rune.Value < 0x20 || rune.Value == 0x7f)
                    {
                        sb.Append("\\x").Append(rune.Value.ToString("x2", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(rune.ToString());
                    }
                    break;
            }
        }
        sb.Append('"');
        return sb.ToString();
    }
}
