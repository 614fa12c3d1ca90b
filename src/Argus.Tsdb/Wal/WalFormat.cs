using System.Globalization;

namespace Argus.Tsdb.Wal;

/// <summary>Constants and naming of WAL files (docs/format/wal.md).</summary>
internal static class WalFormat
{
    /// <summary>type (1) + payload length (4, LE) + CRC-32C of type and payload (4, LE).</summary>
    public const int HeaderSize = 9;

    /// <summary>Largest payload a reader accepts; anything bigger is treated as corruption.</summary>
    public const int MaxPayload = 256 * 1024 * 1024;

    public const string CheckpointPrefix = "checkpoint.";

    public static string SegmentName(long index) => index.ToString("D8", CultureInfo.InvariantCulture);

    /// <summary>Segment files of <paramref name="dir"/> sorted by index (names that are all digits).</summary>
    public static List<(long Index, string Path)> ListSegments(string dir)
    {
        var result = new List<(long, string)>();
        if (!Directory.Exists(dir))
        {
            return result;
        }
        foreach (var path in Directory.EnumerateFiles(dir))
        {
            var name = Path.GetFileName(path);
            if (name.Length > 0 && name.All(char.IsAsciiDigit) && long.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                result.Add((index, path));
            }
        }
        result.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        return result;
    }

    /// <summary>The newest complete checkpoint directory and the last segment index it covers, or null.</summary>
    public static (long Index, string Path)? LatestCheckpoint(string dir)
    {
        (long, string)? best = null;
        if (!Directory.Exists(dir))
        {
            return null;
        }
        foreach (var path in Directory.EnumerateDirectories(dir))
        {
            var name = Path.GetFileName(path);
            if (name.StartsWith(CheckpointPrefix, StringComparison.Ordinal) &&
                long.TryParse(name.AsSpan(CheckpointPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var index) &&
                (best is null || index > best.Value.Item1))
            {
                best = (index, path);
            }
        }
        return best;
    }
}
