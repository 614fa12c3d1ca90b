using System.Text;

namespace Argus.Alerting.Alerts;

/// <summary>64-bit FNV-1a, the hash Alertmanager's fingerprints are built from.</summary>
public static class Fnv64
{
    public const ulong Offset = 14695981039346656037UL;

    public const ulong Prime = 1099511628211UL;

    /// <summary>Folds <paramref name="bytes"/> into <paramref name="hash"/>.</summary>
    public static ulong Add(ulong hash, ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            hash ^= b;
            hash *= Prime;
        }
        return hash;
    }

    /// <summary>Folds the UTF-8 bytes of <paramref name="text"/> into <paramref name="hash"/> without allocating for short strings.</summary>
    public static ulong Add(ulong hash, string text)
    {
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (max <= 512)
        {
            Span<byte> buffer = stackalloc byte[max];
            var n = Encoding.UTF8.GetBytes(text, buffer);
            return Add(hash, buffer[..n]);
        }
        return Add(hash, Encoding.UTF8.GetBytes(text));
    }

    public static ulong AddByte(ulong hash, byte b) => (hash ^ b) * Prime;
}
