using System.Globalization;
using System.Text;

namespace Argus.Config;

/// <summary>
/// A size in bytes written with 1024-based units, as Prometheus' <c>body_size_limit</c> and
/// <c>retention.size</c> are: <c>512MB</c>, <c>1GiB</c>, <c>1.5KB</c>, <c>1GB512MB</c>, or a bare
/// <c>0</c>. Units: B, KB/KiB, MB/MiB, GB/GiB, TB/TiB, PB/PiB, EB/EiB (KB and KiB both mean 1024).
/// </summary>
public readonly record struct ByteSize(long Bytes)
{
    private static readonly (string Unit, long Size)[] Units =
    [
        ("EiB", 1L << 60), ("EB", 1L << 60),
        ("PiB", 1L << 50), ("PB", 1L << 50),
        ("TiB", 1L << 40), ("TB", 1L << 40),
        ("GiB", 1L << 30), ("GB", 1L << 30),
        ("MiB", 1L << 20), ("MB", 1L << 20),
        ("KiB", 1L << 10), ("KB", 1L << 10),
        ("B", 1L),
    ];

    private static readonly (string Unit, long Size)[] FormatUnits =
    [
        ("EiB", 1L << 60), ("PiB", 1L << 50), ("TiB", 1L << 40), ("GiB", 1L << 30), ("MiB", 1L << 20), ("KiB", 1L << 10), ("B", 1L),
    ];

    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="error"/> says why.</summary>
    public static bool TryParse(string text, out ByteSize value, out string? error)
    {
        value = default;
        error = null;
        if (text == "0")
        {
            return true;
        }
        if (text.Length == 0)
        {
            error = "units: invalid byte size \"\"";
            return false;
        }
        var i = 0;
        var negative = false;
        if (text[0] is '+' or '-')
        {
            negative = text[0] == '-';
            i++;
        }
        double total = 0;
        var any = false;
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.'))
            {
                i++;
            }
            if (i == start || !double.TryParse(text.AsSpan(start, i - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                error = $"units: invalid byte size \"{text}\"";
                return false;
            }
            var unitStart = i;
            while (i < text.Length && char.IsAsciiLetter(text[i]))
            {
                i++;
            }
            if (unitStart == i)
            {
                error = $"units: missing unit in \"{text}\"";
                return false;
            }
            var unit = text.AsSpan(unitStart, i - unitStart);
            var size = 0L;
            foreach (var (name, bytes) in Units)
            {
                if (unit.SequenceEqual(name))
                {
                    size = bytes;
                    break;
                }
            }
            if (size == 0)
            {
                error = $"units: unknown unit {unit} in \"{text}\"";
                return false;
            }
            total += number * size;
            any = true;
        }
        if (!any || total > long.MaxValue)
        {
            error = $"units: invalid byte size \"{text}\"";
            return false;
        }
        value = new ByteSize((long)(negative ? -total : total));
        return true;
    }

    public static ByteSize Parse(string text) =>
        TryParse(text, out var value, out var error) ? value : throw new FormatException(error);

    /// <summary>Canonical form: largest units first, e.g. <c>10MiB</c>, <c>1GiB512MiB</c>, <c>0B</c>.</summary>
    public override string ToString()
    {
        if (Bytes == 0)
        {
            return "0B";
        }
        var sb = new StringBuilder();
        var rest = Bytes;
        if (rest < 0)
        {
            sb.Append('-');
            rest = -rest;
        }
        foreach (var (unit, size) in FormatUnits)
        {
            var n = rest / size;
            if (n > 0)
            {
                sb.Append(n.ToString(CultureInfo.InvariantCulture)).Append(unit);
                rest -= n * size;
            }
        }
        return sb.ToString();
    }
}
