using System.Globalization;

namespace Argus.EndToEnd.Tests;

/// <summary>Reads single sample values out of a text exposition.</summary>
internal static class MetricsText
{
    public static double Value(string exposition, string series)
    {
        foreach (var line in exposition.Split('\n'))
        {
            if (line.StartsWith(series + " ", StringComparison.Ordinal))
            {
                return double.Parse(line[(series.Length + 1)..], CultureInfo.InvariantCulture);
            }
        }
        throw new Xunit.Sdk.XunitException($"no series {series} in /metrics");
    }
}
