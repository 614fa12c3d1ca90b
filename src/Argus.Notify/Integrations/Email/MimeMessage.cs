using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Argus.Notify.Integrations.Email;

/// <summary>
/// Writes a notification e-mail (RFC 5322 with MIME): the configured headers (non-ASCII values as RFC 2047
/// encoded words), <c>Date</c>, <c>Message-Id</c>, and a <c>multipart/alternative</c> body with a plain-text
/// part before the HTML part (clients show the last part they can render), each quoted-printable in UTF-8.
/// </summary>
internal static class MimeMessage
{
    private const int MaxLineLength = 76;

    public static string Build(IReadOnlyList<KeyValuePair<string, string>> headers, string text, string html, DateTimeOffset date, string hostname)
    {
        var sb = new StringBuilder();
        foreach (var (name, value) in headers)
        {
            sb.Append(name).Append(": ").Append(EncodeHeaderValue(value)).Append("\r\n");
        }
        if (!headers.Any(h => h.Key.Equals("Date", StringComparison.OrdinalIgnoreCase)))
        {
            sb.Append("Date: ").Append(date.ToString("ddd, dd MMM yyyy HH:mm:ss ", CultureInfo.InvariantCulture))
                .Append(date.ToString("zzz", CultureInfo.InvariantCulture).Replace(":", string.Empty, StringComparison.Ordinal)).Append("\r\n");
        }
        if (!headers.Any(h => h.Key.Equals("Message-Id", StringComparison.OrdinalIgnoreCase)))
        {
            sb.Append("Message-Id: <").Append(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))).Append('.')
                .Append(date.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)).Append('@').Append(hostname).Append(">\r\n");
        }
        sb.Append("MIME-Version: 1.0\r\n");
        var boundary = "argus-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        sb.Append("Content-Type: multipart/alternative; boundary=\"").Append(boundary).Append("\"\r\n\r\n");
        if (text.Length > 0)
        {
            AppendPart(sb, boundary, "text/plain", text);
        }
        if (html.Length > 0)
        {
            AppendPart(sb, boundary, "text/html", html);
        }
        sb.Append("--").Append(boundary).Append("--\r\n");
        return sb.ToString();
    }

    private static void AppendPart(StringBuilder sb, string boundary, string type, string content)
    {
        sb.Append("--").Append(boundary).Append("\r\n")
            .Append("Content-Type: ").Append(type).Append("; charset=UTF-8\r\n")
            .Append("Content-Transfer-Encoding: quoted-printable\r\n\r\n")
            .Append(QuotedPrintable(content)).Append("\r\n");
    }

    /// <summary>ASCII values as they are; others as base64 encoded words of at most 75 characters each.</summary>
    public static string EncodeHeaderValue(string value)
    {
        if (value.All(c => c is >= ' ' and <= '~'))
        {
            return value;
        }
        var words = new List<string>();
        var chunk = new StringBuilder();
        var chunkBytes = 0;
        // 45 bytes become 60 base64 characters, which with "=?UTF-8?B?" and "?=" stay within 75.
        foreach (var rune in value.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (chunkBytes + size > 45)
            {
                words.Add(EncodedWord(chunk.ToString()));
                chunk.Clear();
                chunkBytes = 0;
            }
            chunk.Append(rune.ToString());
            chunkBytes += size;
        }
        words.Add(EncodedWord(chunk.ToString()));
        return string.Join("\r\n ", words);
    }

    private static string EncodedWord(string text) => "=?UTF-8?B?" + Convert.ToBase64String(Encoding.UTF8.GetBytes(text)) + "?=";

    /// <summary>RFC 2045 quoted-printable with CRLF hard line breaks and soft breaks before 76 characters.</summary>
    public static string QuotedPrintable(string content)
    {
        var sb = new StringBuilder(content.Length + (content.Length / 8));
        var lines = content.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var l = 0; l < lines.Length; l++)
        {
            if (l > 0)
            {
                sb.Append("\r\n");
            }
            var bytes = Encoding.UTF8.GetBytes(lines[l]);
            var column = 0;
            for (var i = 0; i < bytes.Length; i++)
            {
                var b = bytes[i];
                var last = i == bytes.Length - 1;
                // Trailing blanks would be stripped in transit, so they are encoded.
                var literal = (b is >= 33 and <= 126 && b != (byte)'=') || (b is (byte)' ' or (byte)'\t' && !last);
                var piece = literal ? ((char)b).ToString() : "=" + b.ToString("X2", CultureInfo.InvariantCulture);
                // Keep room for the soft break "=" unless this is the line's last piece.
                var limit = last ? MaxLineLength : MaxLineLength - 1;
                if (column + piece.Length > limit)
                {
                    sb.Append("=\r\n");
                    column = 0;
                }
                sb.Append(piece);
                column += piece.Length;
            }
        }
        return sb.ToString();
    }
}
