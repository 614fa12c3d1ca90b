using System.Globalization;

namespace Argus.Scrape.Host;

/// <summary>Small parsing helpers for /proc files.</summary>
internal static class HostText
{
    public static readonly char[] Blanks = [' ', '\t'];

    public static string[] Fields(string line) => line.Split(Blanks, StringSplitOptions.RemoveEmptyEntries);

    public static double Number(string text, string file) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"{file}: cannot parse number \"{text}\"");
}
