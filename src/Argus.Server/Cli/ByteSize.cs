using System.Globalization;

namespace Argus.Server.Cli;

/// <summary>
/// Byte sizes in Prometheus' flag syntax (base-2 units): <c>0</c>, <c>512MB</c>, <c>1GB</c>,
/// <c>10GiB</c>, <c>1TB512GB</c>. Units: B, KB/KiB, MB/MiB, GB/GiB, TB/TiB, PB/PiB, EB/EiB, each a
/// power of 1024.
/// </summary>
public static class ByteSize
{
    private static readonly (string Unit, long Bytes)[] Units =
    [
        ("EiB", 1L << 60), ("EB", 1L << 60),
        ("PiB", 1L << 50), ("PB", 1L << 50),
        ("TiB", 1L << 40), ("TB", 1L << 40),
        ("GiB", 1L << 30), ("GB", 1L << 30),
        ("MiB", 1L << 20), ("MB", 1L << 20),
        ("KiB", 1L << 10), ("KB", 1L << 10),
        ("B", 1L),
    ];

    public static bool TryParse(string text, out long bytes, out string? error)
    {
        bytes = 0;
        error = null;
        if (text == "0")
        {
            return true;
        }
        var i = 0;
        long total = 0;
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }
            var unitStart = i;
            while (i < text.Length && !char.IsAsciiDigit(text[i]))
            {
                i++;
            }
            var unit = text[unitStart..i];
            var size = Array.Find(Units, u => u.Unit == unit).Bytes;
            if (unitStart == start || size == 0
                || !long.TryParse(text.AsSpan(start, unitStart - start), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                error = $"invalid byte size \"{text}\": expected a number and a unit (B, KB, MB, GB, TB, PB, EB), e.g. 512MB";
                return false;
            }
            try
            {
                total = checked(total + checked(number * size));
            }
            catch (OverflowException)
            {
                error = $"byte size \"{text}\" is too large";
                return false;
            }
        }
        if (text.Length == 0)
        {
            error = "empty byte size";
            return false;
        }
        bytes = total;
        return true;
    }
}
