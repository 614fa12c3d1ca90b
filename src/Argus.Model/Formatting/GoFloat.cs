using System.Globalization;
using System.Text;

namespace Argus.Model.Formatting;

/// <summary>
/// Go's <c>strconv.FormatFloat(v, fmt, -1, 64)</c> for <c>'g'</c>, <c>'f'</c> and <c>'e'</c>: the shortest digits
/// that round-trip, laid out as Go does. Shared by the exposition writer, PromQL, the HTTP API and templates because
/// all of them must match Prometheus byte for byte; one implementation keeps them from drifting apart.
/// </summary>
public static class GoFloat
{
    // With shortest precision strconv decides between %e and %f for 'g' as if the precision were 6,
    // so 123456 stays plain while 1e6 becomes 1e+06 and 1234567 becomes 1.234567e+06.
    private const int ShortestExponentThreshold = 6;

    /// <summary>Go <c>strconv.FormatFloat(v, 'g', -1, 64)</c>, which is also what <c>fmt.Sprint</c> prints:
    /// exponent form when the decimal exponent is below -4 or at least 6; <c>NaN</c>, <c>+Inf</c>, <c>-Inf</c>.</summary>
    public static string FormatG(double value)
    {
        if (!double.IsFinite(value))
        {
            return FormatNonFinite(value);
        }
        var (negative, digits, exp) = Decompose(value);
        var sb = new StringBuilder();
        if (negative)
        {
            sb.Append('-');
        }
        var x = exp - 1;
        if (x < -4 || x >= ShortestExponentThreshold)
        {
            AppendExponent(sb, digits, x);
        }
        else
        {
            AppendFixed(sb, digits, exp);
        }
        return sb.ToString();
    }

    /// <summary>Go <c>strconv.FormatFloat(v, 'f', -1, 64)</c>: shortest digits, never in exponent form (<c>1000000</c>).</summary>
    public static string FormatF(double value)
    {
        if (!double.IsFinite(value))
        {
            return FormatNonFinite(value);
        }
        var (negative, digits, exp) = Decompose(value);
        var sb = new StringBuilder();
        if (negative)
        {
            sb.Append('-');
        }
        AppendFixed(sb, digits, exp);
        return sb.ToString();
    }

    /// <summary>Go <c>strconv.FormatFloat(v, 'e', -1, 64)</c>: shortest digits in exponent form (<c>1e-07</c>).</summary>
    public static string FormatE(double value)
    {
        if (!double.IsFinite(value))
        {
            return FormatNonFinite(value);
        }
        var (negative, digits, exp) = Decompose(value);
        var sb = new StringBuilder();
        if (negative)
        {
            sb.Append('-');
        }
        AppendExponent(sb, digits, digits == "0" ? 0 : exp - 1);
        return sb.ToString();
    }

    /// <summary>A finite value as Go's encoding/json writes a float64: plain decimal, exponent form only below 1e-6
    /// or from 1e21, with the exponent unpadded (<c>1.25e-7</c>, <c>1e+21</c>).</summary>
    public static string FormatJson(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "JSON cannot represent NaN or infinities");
        }
        var abs = Math.Abs(value);
        if (abs == 0 || (abs >= 1e-6 && abs < 1e21))
        {
            return FormatF(value);
        }
        // encoding/json cleans strconv's two-digit exponent "e-07" to "e-7".
        var text = FormatE(value);
        var n = text.Length;
        return text[n - 2] == '0' && (text[n - 3] == '-' || text[n - 3] == '+') ? text.Remove(n - 2, 1) : text;
    }

    /// <summary>
    /// Shortest round-trip decimal digits of a positive finite non-zero value, without leading or trailing zeros,
    /// and the decimal point position such that value = 0.digits × 10^point. With <paramref name="is32Bit"/> the
    /// digits are the shortest that round-trip through a float32, as Go's <c>bitSize = 32</c> gives.
    /// </summary>
    public static (string Digits, int Point) ShortestDigits(double abs, bool is32Bit = false)
    {
        // "R" yields the shortest round-trip digits; only their layout differs from Go's.
        var r = is32Bit
            ? ((float)abs).ToString("R", CultureInfo.InvariantCulture)
            : abs.ToString("R", CultureInfo.InvariantCulture);
        var ePos = r.IndexOfAny(['E', 'e']);
        var mantissa = ePos >= 0 ? r[..ePos] : r;
        var exp10 = ePos >= 0 ? int.Parse(r[(ePos + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) : 0;
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var intPart = dot >= 0 ? mantissa[..dot] : mantissa;
        var all = intPart + (dot >= 0 ? mantissa[(dot + 1)..] : string.Empty);
        var trimmed = all.TrimStart('0');
        var point = intPart.Length - (all.Length - trimmed.Length) + exp10;
        return (trimmed.TrimEnd('0'), point);
    }

    private static string FormatNonFinite(double value) =>
        double.IsNaN(value) ? "NaN" : value > 0 ? "+Inf" : "-Inf";

    /// <summary>Sign, digits and point of a finite value; zero is digits "0" with point 1 so it prints as "0"/"0e+00".</summary>
    private static (bool Negative, string Digits, int Exp) Decompose(double value)
    {
        var negative = double.IsNegative(value);
        if (value == 0)
        {
            return (negative, "0", 1);
        }
        var (digits, point) = ShortestDigits(Math.Abs(value));
        return (negative, digits, point);
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
}
