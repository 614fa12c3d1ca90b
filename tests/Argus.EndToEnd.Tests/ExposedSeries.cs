using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Argus.EndToEnd.Tests;

/// <summary>
/// Reads the series of a text exposition or of a query result into canonical strings (<c>name{a="1",b="2"}</c>, labels
/// sorted, empty ones left out as Prometheus treats them) with their values. The exposition side is read by this
/// small reader of its own, so the tests do not judge Argus's parser with Argus's parser.
/// </summary>
internal static partial class ExposedSeries
{
    /// <summary>The sample lines of <paramref name="exposition"/> whose metric name matches <paramref name="names"/>
    /// (fully anchored), with <paramref name="targetLabels"/> added where the exposition lacks them, as a scrape
    /// with <c>honor_labels</c> does. Every sample line must parse.</summary>
    public static Dictionary<string, double> FromExposition(string exposition, string names, IReadOnlyDictionary<string, string> targetLabels)
    {
        var nameFilter = new Regex($"^(?:{names})$", RegexOptions.CultureInvariant);
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in exposition.Split('\n'))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            var match = SampleLine().Match(line);
            Assert.True(match.Success, $"unparsable exposition line: {line}");
            var name = match.Groups["name"].Value;
            if (!nameFilter.IsMatch(name))
            {
                continue;
            }
            var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (Match pair in LabelPair().Matches(match.Groups["labels"].Value))
            {
                labels[pair.Groups["name"].Value] = Unescape(pair.Groups["value"].Value);
            }
            foreach (var (label, value) in targetLabels)
            {
                if (labels.GetValueOrDefault(label, string.Empty).Length == 0)
                {
                    labels[label] = value;
                }
            }
            result.Add(Canonical(name, labels), ParseValue(match.Groups["value"].Value));
        }
        return result;
    }

    /// <summary>The series of an instant-query result (<c>data.result</c> of a vector).</summary>
    public static Dictionary<string, double> FromQueryResult(JsonElement result)
    {
        var series = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var sample in result.EnumerateArray())
        {
            var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var label in sample.GetProperty("metric").EnumerateObject())
            {
                labels[label.Name] = label.Value.GetString()!;
            }
            var name = labels["__name__"];
            labels.Remove("__name__");
            series.Add(Canonical(name, labels), ParseValue(sample.GetProperty("value")[1].GetString()!));
        }
        return series;
    }

    private static string Canonical(string name, SortedDictionary<string, string> labels) =>
        name + "{" + string.Join(",", labels.Where(l => l.Value.Length > 0).Select(l => $"{l.Key}=\"{Escape(l.Value)}\"")) + "}";

    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static double ParseValue(string text) => text switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    private static string Unescape(string escaped) =>
        EscapeSequence().Replace(escaped, m => m.Value[1] switch { 'n' => "\n", var c => c.ToString() });

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(?<labels>(?:[^"}]|"(?:[^"\\]|\\.)*")*)\})? (?<value>\S+)(?: -?\d+)?$""")]
    private static partial Regex SampleLine();

    [GeneratedRegex("""(?<name>[a-zA-Z_][a-zA-Z0-9_]*)="(?<value>(?:[^"\\]|\\.)*)",?""")]
    private static partial Regex LabelPair();

    [GeneratedRegex(@"\\.")]
    private static partial Regex EscapeSequence();
}
