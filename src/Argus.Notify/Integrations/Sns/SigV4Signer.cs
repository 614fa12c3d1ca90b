using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Argus.Notify.Integrations.Sns;

/// <summary>
/// AWS Signature Version 4 (header form), written from AWS's specification: a canonical request (method, URI path,
/// sorted and RFC 3986-encoded query, sorted lower-case headers with trimmed values, the signed header names and the
/// payload's SHA-256), a string to sign over its hash with the credential scope, and an HMAC-SHA256 chain from
/// "AWS4"+secret through date, region, service and "aws4_request". Checked against AWS's published test suite.
/// </summary>
internal static class SigV4Signer
{
    public const string Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>The <c>x-amz-date</c> form of <paramref name="time"/> (UTC, basic ISO 8601).</summary>
    public static string AmzDate(DateTimeOffset time) => time.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// The <c>Authorization</c> header value for a request. <paramref name="headers"/> are the headers to sign (names in
    /// any case; <c>host</c> and <c>x-amz-date</c> must be among them); <paramref name="query"/> is the raw query
    /// string without '?' (empty for none).
    /// </summary>
    public static string Authorization(string method, string path, string query, IEnumerable<KeyValuePair<string, string>> headers, ReadOnlySpan<byte> payload,
        AwsCredentials credentials, string region, string service, DateTimeOffset time)
    {
        var signedHeaders = headers
            .Select(h => (Name: h.Key.ToLowerInvariant(), Value: TrimValue(h.Value)))
            .GroupBy(h => h.Name, StringComparer.Ordinal)
            .Select(g => (Name: g.Key, Value: string.Join(',', g.Select(h => h.Value))))
            .OrderBy(h => h.Name, StringComparer.Ordinal)
            .ToList();
        var signedNames = string.Join(';', signedHeaders.Select(h => h.Name));
        var canonical = new StringBuilder()
            .Append(method).Append('\n')
            .Append(CanonicalPath(path)).Append('\n')
            .Append(CanonicalQuery(query)).Append('\n');
        foreach (var (name, value) in signedHeaders)
        {
            canonical.Append(name).Append(':').Append(value).Append('\n');
        }
        canonical.Append('\n').Append(signedNames).Append('\n').Append(Hex(SHA256.HashData(payload)));
        var date = time.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var scope = $"{date}/{region}/{service}/aws4_request";
        var stringToSign = $"{Algorithm}\n{AmzDate(time)}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())))}";
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + credentials.SecretAccessKey), date);
        key = Hmac(key, region);
        key = Hmac(key, service);
        key = Hmac(key, "aws4_request");
        var signature = Hex(Hmac(key, stringToSign));
        return $"{Algorithm} Credential={credentials.AccessKeyId}/{scope}, SignedHeaders={signedNames}, Signature={signature}";
    }

    /// <summary>Each path segment decoded then encoded once; an empty path is "/".</summary>
    private static string CanonicalPath(string path)
    {
        if (path.Length == 0)
        {
            return "/";
        }
        return string.Join('/', path.Split('/').Select(segment => Rfc3986.Encode(Uri.UnescapeDataString(segment))));
    }

    /// <summary>Parameters decoded, re-encoded, and sorted by name then value.</summary>
    private static string CanonicalQuery(string query)
    {
        if (query.Length == 0)
        {
            return string.Empty;
        }
        return string.Join('&', query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair =>
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                var name = eq < 0 ? pair : pair[..eq];
                var value = eq < 0 ? string.Empty : pair[(eq + 1)..];
                return (Name: Rfc3986.Encode(Uri.UnescapeDataString(name)), Value: Rfc3986.Encode(Uri.UnescapeDataString(value)));
            })
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => p.Name + "=" + p.Value));
    }

    /// <summary>Leading and trailing spaces removed, inner runs of spaces collapsed to one.</summary>
    private static string TrimValue(string value) => string.Join(' ', value.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
