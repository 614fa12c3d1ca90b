using System.Globalization;
using System.Numerics;
using Argus.Model.Formatting;

namespace Argus.Templates.Formatting;

/// <summary>
/// Go's <c>strconv.FormatFloat</c> for the <c>e</c>, <c>f</c> and <c>g</c> formats, with shortest
/// (<c>prec = -1</c>) or fixed precision. Rounding works on the exact decimal expansion of the binary
/// value and breaks exact ties to even, as Go does; .NET's own formatting rounds ties away from zero.
/// Shortest digits come from the shared <see cref="GoFloat"/>; only the printf precision handling lives here.
/// </summary>
public static class GoFloatFormatter
{
    /// <summary>Formats like Go's <c>%v</c> of a float64 (<c>'g'</c>, shortest): <c>1e+06</c>, <c>0.5</c>, <c>+Inf</c>.</summary>
    public static string FormatV(double value) => GoFloat.FormatG(value);

    public static string Format(double value, char format, int precision, bool is32Bit = false)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }
        if (double.IsInfinity(value))
        {
            return value > 0 ? "+Inf" : "-Inf";
        }
        var negative = double.IsNegative(value);
        var abs = Math.Abs(value);
        var shortest = precision < 0;
        string digits;
        int dp;
        if (abs == 0)
        {
            digits = string.Empty;
            dp = 0;
        }
        else if (shortest)
        {
            (digits, dp) = GoFloat.ShortestDigits(abs, is32Bit);
        }
        else
        {
            (digits, dp) = ExactDigits(abs);
            var keep = char.ToLowerInvariant(format) switch
            {
                'e' => precision + 1,
                'f' => dp + precision,
                _ => precision == 0 ? 1 : precision,
            };
            (digits, dp) = Round(digits, dp, keep);
        }
        if (shortest)
        {
            precision = char.ToLowerInvariant(format) switch
            {
                'e' => Math.Max(digits.Length - 1, 0),
                'f' => Math.Max(digits.Length - dp, 0),
                _ => digits.Length,
            };
        }
        else if (char.ToLowerInvariant(format) == 'g' && precision == 0)
        {
            precision = 1;
        }
        string body;
        switch (format)
        {
            case 'e':
            case 'E':
                body = FormatE(digits, dp, precision, format);
                break;
            case 'f':
            case 'F':
                body = FormatF(digits, dp, precision);
                break;
            default:
                var eprec = precision;
                if (eprec > digits.Length && digits.Length >= dp)
                {
                    eprec = digits.Length;
                }
                if (shortest)
                {
                    eprec = 6;
                }
                var exp = dp - 1;
                if (digits.Length == 0)
                {
                    exp = -1;
                }
                if (exp < -4 || exp >= eprec)
                {
                    if (precision > digits.Length)
                    {
                        precision = digits.Length;
                    }
                    body = FormatE(digits, dp, Math.Max(precision - 1, 0), format == 'G' ? 'E' : 'e');
                }
                else
                {
                    if (precision > dp)
                    {
                        precision = digits.Length;
                    }
                    body = FormatF(digits, dp, Math.Max(precision - dp, 0));
                }
                break;
        }
        return negative ? "-" + body : body;
    }

    private static string FormatE(string digits, int dp, int precision, char e)
    {
        var sb = new System.Text.StringBuilder();
        sb.Append(digits.Length == 0 ? '0' : digits[0]);
        if (precision > 0)
        {
            sb.Append('.');
            for (var i = 1; i <= precision; i++)
            {
                sb.Append(i < digits.Length ? digits[i] : '0');
            }
        }
        sb.Append(e);
        var exp = digits.Length == 0 ? 0 : dp - 1;
        sb.Append(exp < 0 ? '-' : '+');
        exp = Math.Abs(exp);
        sb.Append(exp < 10 ? "0" : string.Empty).Append(exp.ToString(CultureInfo.InvariantCulture));
        return sb.ToString();
    }

    private static string FormatF(string digits, int dp, int precision)
    {
        var sb = new System.Text.StringBuilder();
        if (dp > 0)
        {
            for (var i = 0; i < dp; i++)
            {
                sb.Append(i < digits.Length ? digits[i] : '0');
            }
        }
        else
        {
            sb.Append('0');
        }
        if (precision > 0)
        {
            sb.Append('.');
            for (var i = 0; i < precision; i++)
            {
                var index = dp + i;
                sb.Append(index >= 0 && index < digits.Length ? digits[index] : '0');
            }
        }
        return sb.ToString();
    }

    /// <summary>Exact decimal expansion of a positive finite double: value = 0.digits × 10^dp.</summary>
    private static (string Digits, int Dp) ExactDigits(double abs)
    {
        var bits = BitConverter.DoubleToInt64Bits(abs);
        var exponent = (int)((bits >> 52) & 0x7FF);
        var mantissa = bits & ((1L << 52) - 1);
        if (exponent == 0)
        {
            exponent = 1;
        }
        else
        {
            mantissa |= 1L << 52;
        }
        exponent -= 1075;
        string s;
        int dp;
        if (exponent >= 0)
        {
            s = (new BigInteger(mantissa) << exponent).ToString(CultureInfo.InvariantCulture);
            dp = s.Length;
        }
        else
        {
            s = (mantissa * BigInteger.Pow(5, -exponent)).ToString(CultureInfo.InvariantCulture);
            dp = s.Length + exponent;
        }
        return (s.TrimEnd('0'), dp);
    }

    /// <summary>Rounds to <paramref name="keep"/> significant digits, ties to even (Go's <c>decimal.Round</c>).</summary>
    private static (string Digits, int Dp) Round(string digits, int dp, int keep)
    {
        if (keep < 0 || keep >= digits.Length)
        {
            return keep < 0 ? (string.Empty, dp) : (digits, dp);
        }
        bool up;
        if (digits[keep] != '5')
        {
            up = digits[keep] > '5';
        }
        else if (keep + 1 < digits.Length)
        {
            up = true;
        }
        else
        {
            up = keep > 0 && (digits[keep - 1] - '0') % 2 == 1;
        }
        if (!up)
        {
            return (digits[..keep].TrimEnd('0'), dp);
        }
        var chars = digits[..keep].ToCharArray();
        var i = keep - 1;
        while (i >= 0 && chars[i] == '9')
        {
            i--;
        }
        if (i < 0)
        {
            return ("1", dp + 1);
        }
        chars[i]++;
        return (new string(chars, 0, i + 1), dp);
    }
}
