using System.Globalization;
using System.Text;

namespace Argus.Notify.Tests;

/// <summary>Reads back what an SMTP server stored: headers (unfolded), and the decoded parts of a multipart body.</summary>
internal sealed class MailMessageReader
{
    public MailMessageReader(string raw)
    {
        var text = raw.Replace("\r\n", "\n", StringComparison.Ordinal);
        var split = text.IndexOf("\n\n", StringComparison.Ordinal);
        var headerBlock = text[..split].Replace("\n\t", " ", StringComparison.Ordinal).Replace("\n ", " ", StringComparison.Ordinal);
        Headers = [.. headerBlock.Split('\n').Select(l => KeyValuePair.Create(l[..l.IndexOf(':', StringComparison.Ordinal)], l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()))];
        Body = text[(split + 2)..];
    }

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    public string Body { get; }

    public string Header(string name) => Headers.Single(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>The parts of the multipart body: content type and quoted-printable-decoded content.</summary>
    public List<(string ContentType, string Content)> Parts()
    {
        var contentType = Header("Content-Type");
        var boundary = contentType[(contentType.IndexOf("boundary=\"", StringComparison.Ordinal) + 10)..].TrimEnd('"');
        var parts = new List<(string, string)>();
        foreach (var chunk in Body.Split("--" + boundary).Skip(1))
        {
            if (chunk.StartsWith("--", StringComparison.Ordinal))
            {
                break;
            }
            var part = new MailMessageReader(chunk.TrimStart('\n'));
            Assert.Equal("quoted-printable", part.Header("Content-Transfer-Encoding"));
            parts.Add((part.Header("Content-Type"), DecodeQuotedPrintable(part.Body[..^1])));
        }
        return parts;
    }

    private static string DecodeQuotedPrintable(string text)
    {
        var bytes = new List<byte>();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '=' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                i++;
            }
            else if (text[i] == '=')
            {
                bytes.Add(byte.Parse(text.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(text[i].ToString()));
            }
        }
        return Encoding.UTF8.GetString([.. bytes]);
    }
}
