using System.Globalization;
using System.Text;

namespace Argus.Web.Api.Json;

/// <summary>
/// Go's shortest float formats, used where Prometheus' API prints a float64 directly: as a JSON number
/// (encoding/json: plain decimal, exponent form only below 1e-6 or from 1e21) and as
/// <c>strconv.FormatFloat(v, 'e', -1, 64)</c> (alert values such as <c>1e+00</c>).
/// </summary>
public static class GoFloatText
{
    /// <summary>A finite value as Go's encoding/json writes a float64.</summary>
    public static string JsonNumber(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "JSON cannot represent NaN or infinities");
        }
        var (negative, digits, point) = Decompose(value);
        if (digits.Length == 0)
        {
            return negative ? "-0" : "0";
        }
        var abs = Math.Abs(value);
        var text = abs < 1e-6 || abs >= 1e21 ? Exponent(digits, point, padExponent: false) : Fixed(digits, point);
        return negative ? "-" + text : text;
    }

    /// <summary>The value as Go's <c>strconv.FormatFloat(v, 'e', -1, 64)</c>.</summary>
    public static string ExponentForm(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }
        if (double.IsInfinity(value))
        {
            return value > 0 ? "+Inf" : "-Inf";
        }
        var (negative, digits, point) = Decompose(value);
        var text = digits.Length == 0 ? "0e+00" : Exponent(digits, point, padExponent: true);
        return negative ? "-" + text : text;
    }

    /// <summary>Shortest round-trip digits (no leading or trailing zeros) and where the decimal point goes
    /// (value = 0.digits × 10^point); no digits for zero.</summary>
    private static (bool Negative, string Digits, int Point) Decompose(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        var negative = text.StartsWith('-');
        if (negative)
        {
            text = text[1..];
        }
        var exponent = 0;
        var e = text.IndexOf('E');
        if (e >= 0)
        {
            exponent = int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }
        var dot = text.IndexOf('.');
        var point = (dot >= 0 ? dot : text.Length) + exponent;
        var digits = text.Replace(".", string.Empty, StringComparison.Ordinal);
        var leading = 0;
        while (leading < digits.Length && digits[leading] == '0')
        {
            leading++;
        }
        digits = digits[leading..].TrimEnd('0');
        point -= leading;
        return (negative, digits, point);
    }

    private static string Fixed(string digits, int point)
    {
        if (point <= 0)
        {
            return "0." + new string('0', -point) + digits;
        }
        if (point >= digits.Length)
        {
            return digits + new string('0', point - digits.Length);
        }
        return digits[..point] + "." + digits[point..];
    }

    private static string Exponent(string digits, int point, bool padExponent)
    {
        var builder = new StringBuilder();
        builder.Append(digits[0]);
        if (digits.Length > 1)
        {
            builder.Append('.').Append(digits, 1, digits.Length - 1);
        }
        var exponent = point - 1;
        builder.Append('e').Append(exponent < 0 ? '-' : '+');
        var magnitude = Math.Abs(exponent).ToString(CultureInfo.InvariantCulture);
        if (padExponent && magnitude.Length < 2)
        {
            builder.Append('0');
        }
        builder.Append(magnitude);
        return builder.ToString();
    }
}
