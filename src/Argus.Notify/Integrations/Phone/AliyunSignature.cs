using System.Security.Cryptography;
using System.Text;

namespace Argus.Notify.Integrations.Phone;

/// <summary>
/// Alibaba Cloud's RPC signature (SignatureMethod HMAC-SHA1, SignatureVersion 1.0): the parameters sorted by name
/// and joined as <c>name=value</c> pairs (both percent-encoded, RFC 3986) form the canonicalized query; the string to
/// sign is <c>METHOD&amp;%2F&amp;</c> plus that query percent-encoded again; the signature is the base64 HMAC-SHA1 of it
/// keyed with the AccessKey secret and "&amp;".
/// </summary>
internal static class AliyunSignature
{
    public static string Sign(string method, IEnumerable<KeyValuePair<string, string>> parameters, string accessKeySecret)
    {
        var stringToSign = method + "&" + Rfc3986.Encode("/") + "&" + Rfc3986.Encode(CanonicalizedQuery(parameters));
        var mac = HMACSHA1.HashData(Encoding.UTF8.GetBytes(accessKeySecret + "&"), Encoding.UTF8.GetBytes(stringToSign));
        return Convert.ToBase64String(mac);
    }

    /// <summary>The sorted, encoded parameters (without <c>Signature</c>): also the request's form body.</summary>
    public static string CanonicalizedQuery(IEnumerable<KeyValuePair<string, string>> parameters) =>
        string.Join('&', parameters
            .Where(p => p.Key != "Signature")
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => Rfc3986.Encode(p.Key) + "=" + Rfc3986.Encode(p.Value)));
}
