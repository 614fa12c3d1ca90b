using System.Globalization;

namespace Argus.Instrumentation.Exposition;

/// <summary>
/// Go's <c>strconv.FormatFloat(v, 'g', -1, 64)</c> for finite values: the shortest digits that round-trip,
/// exponent form when the decimal exponent is below -4 or at least 6 (Go's rule for 'g' with shortest
/// precision), written <c>1e+06</c>/<c>1e-05</c> with at least two exponent digits.
/// </summary>
public static class GoFloat
{
    // strconv uses precision 6 to choose between %e and %f when the precision is "shortest", so
    // 123456 stays plain while 1e6 becomes 1e+06.
    private const int ShortestExponentThreshold = 6;

    public static string FormatG(double value)
    {
        if (value == 0)
        {
            return double.IsNegative(value) ? "-0" : "0";
        }
        // "R" gives the shortest round-trip digits; re-layout them in Go's style.
        var shortest = value.ToString("R", CultureInfo.InvariantCulture);
        var negative = shortest.StartsWith('-');
        var s = negative ? shortest[1..] : shortest;
        string digits;
        int exponent;
        var ePos = s.IndexOfAny(['E', 'e']);
        var mantissa = ePos >= 0 ? s[..ePos] : s;
        var exp10 = ePos >= 0 ? int.Parse(s[(ePos + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) : 0;
        var dot = mantissa.IndexOf('.');
        var intPart = dot >= 0 ? mantissa[..dot] : mantissa;
        var fracPart = dot >= 0 ? mantissa[(dot + 1)..] : string.Empty;
        var all = (intPart + fracPart).TrimStart('0');
        var leadingZeros = (intPart + fracPart).Length - all.Length;
        digits = all.TrimEnd('0');
        if (digits.Length == 0)
        {
            digits = "0";
        }
        // Decimal exponent such that value = 0.d1d2d3... × 10^exponent.
        exponent = intPart.Length + exp10 - leadingZeros;
        var eSci = exponent - 1;
        string body;
        if (eSci < -4 || eSci >= ShortestExponentThreshold)
        {
            var m = digits.Length > 1 ? digits[0] + "." + digits[1..] : digits;
            var sign = eSci < 0 ? "-" : "+";
            var absExp = Math.Abs(eSci);
            body = m + "e" + sign + (absExp < 10 ? "0" : string.Empty) + absExp.ToString(CultureInfo.InvariantCulture);
        }
        else if (exponent <= 0)
        {
            body = "0." + new string('0', -exponent) + digits;
        }
        else if (exponent >= digits.Length)
        {
            body = digits + new string('0', exponent - digits.Length);
        }
        else
        {
            body = digits[..exponent] + "." + digits[exponent..];
        }
        return negative ? "-" + body : body;
    }
}
