using System.Security.Cryptography;
using System.Text;

namespace Argus.Notify.Integrations.Robots;

/// <summary>The HMAC-SHA256 signatures of the DingTalk and Feishu custom robots.</summary>
internal static class RobotSignature
{
    /// <summary>
    /// DingTalk: base64 of HMAC-SHA256 keyed with the secret over <c>"{timestamp}\n{secret}"</c>, where the
    /// timestamp is in milliseconds; sent URL-encoded as the <c>sign</c> query parameter next to <c>timestamp</c>.
    /// </summary>
    public static string Dingtalk(long timestampMs, string secret)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestampMs.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n" + secret));
        return Convert.ToBase64String(mac);
    }

    /// <summary>
    /// Feishu/Lark: base64 of HMAC-SHA256 keyed with <c>"{timestamp}\n{secret}"</c> (timestamp in seconds) over
    /// an empty message; sent in the body as <c>sign</c> next to <c>timestamp</c>.
    /// </summary>
    public static string Feishu(long timestampSeconds, string secret)
    {
        var key = Encoding.UTF8.GetBytes(timestampSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n" + secret);
        return Convert.ToBase64String(HMACSHA256.HashData(key, Array.Empty<byte>()));
    }
}
