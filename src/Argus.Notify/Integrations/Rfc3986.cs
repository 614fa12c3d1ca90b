using System.Globalization;
using System.Text;

namespace Argus.Notify.Integrations;

/// <summary>
/// Percent-encoding of RFC 3986: only unreserved characters (letters, digits, <c>-_.~</c>) stay, every other UTF-8
/// byte becomes <c>%XX</c> (upper-case hex), space included. Both request signatures Argus computes canonicalise with
/// it: AWS SigV4 and Alibaba Cloud's RPC signature ("percentEncode").
/// </summary>
internal static class Rfc3986
{
    public static string Encode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var sb = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                sb.Append(c);
            }
            else
            {
                sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }
        return sb.ToString();
    }
}
