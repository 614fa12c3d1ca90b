using System.Text;

namespace Argus.Notify.Integrations;

/// <summary>
/// Alertmanager's truncation of texts that a provider limits: what is cut ends in "…" (U+2026), counted in
/// runes (Unicode code points, not UTF-16 units) or in UTF-8 bytes, as each provider measures.
/// </summary>
internal static class TextLimits
{
    private const string Marker = "…";

    /// <summary>At most <paramref name="max"/> runes, the last one "…" when cut (no marker below 4 runes).</summary>
    public static string InRunes(string text, int max) => InRunes(text, max, out _);

    public static string InRunes(string text, int max, out bool truncated)
    {
        ArgumentNullException.ThrowIfNull(text);
        // A UTF-16 string never has more runes than chars, so short texts need no counting.
        truncated = text.Length > max && RuneCount(text) > max;
        if (!truncated)
        {
            return text;
        }
        return max <= 3 ? Prefix(text, max) : Prefix(text, max - 1) + Marker;
    }

    /// <summary>At most <paramref name="max"/> UTF-8 bytes, ending in "…" when cut and never splitting a rune.</summary>
    public static string InBytes(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Encoding.UTF8.GetByteCount(text) <= max)
        {
            return text;
        }
        if (max <= 3)
        {
            return max == 3 ? Marker : new string('.', max);
        }
        return Utf8Prefix(text, max - Encoding.UTF8.GetByteCount(Marker)) + Marker;
    }

    /// <summary>The longest prefix of <paramref name="text"/> within <paramref name="maxBytes"/> UTF-8 bytes, whole runes only.</summary>
    public static string Utf8Prefix(string text, int maxBytes)
    {
        ArgumentNullException.ThrowIfNull(text);
        var end = 0;
        var used = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            if (used + rune.Utf8SequenceLength > maxBytes)
            {
                break;
            }
            used += rune.Utf8SequenceLength;
            end += rune.Utf16SequenceLength;
        }
        return text[..end];
    }

    private static int RuneCount(string text)
    {
        var count = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            count++;
        }
        return count;
    }

    /// <summary>The first <paramref name="runes"/> runes of <paramref name="text"/>.</summary>
    private static string Prefix(string text, int runes)
    {
        var end = 0;
        for (var i = 0; i < runes && end < text.Length; i++)
        {
            end += char.IsSurrogatePair(text, end) ? 2 : 1;
        }
        return text[..end];
    }
}
