using Argus.Model.Labels;
using Argus.Scrape.Parsing;

namespace Argus.Scrape.Pushgateway;

/// <summary>Parses a pushed body into families, checking what the Pushgateway checks: no timestamps, and no
/// label that contradicts the grouping key. Grouping labels are added to every sample.</summary>
internal static class PushBodyParser
{
    /// <exception cref="ExpositionFormatException">The body is malformed or breaks a push rule (message names the line).</exception>
    public static Dictionary<string, PushedFamily> Parse(ReadOnlySpan<byte> body, ExpositionFormat format, LabelSet groupingLabels)
    {
        var families = new Dictionary<string, (string Help, ParsedMetricType Type, List<(LabelSet, double)> Samples)>(StringComparer.Ordinal);
        var parser = new ExpositionParser(body, format);
        var builder = new LabelSetBuilder();
        string? currentFamily = null;
        var currentType = ParsedMetricType.Unknown;
        string help = string.Empty;
        ExpositionEntry entry;
        while ((entry = parser.Next()) != ExpositionEntry.End)
        {
            switch (entry)
            {
                case ExpositionEntry.Type:
                case ExpositionEntry.Help:
                    var name = parser.MetricNameString();
                    if (name != currentFamily)
                    {
                        currentFamily = name;
                        currentType = ParsedMetricType.Unknown;
                        help = string.Empty;
                    }
                    if (entry == ExpositionEntry.Type)
                    {
                        currentType = parser.MetricType;
                    }
                    else
                    {
                        help = parser.HelpText();
                    }
                    var slot = Slot(families, name);
                    families[name] = (help, currentType, slot.Samples);
                    break;
                case ExpositionEntry.Series:
                    if (parser.HasTimestamp)
                    {
                        throw new ExpositionFormatException(parser.LineNumber, "pushed metrics must not have timestamps");
                    }
                    builder.Reset();
                    parser.CopyLabels(builder);
                    var metric = builder.Get(LabelNames.MetricName);
                    foreach (var label in groupingLabels.AsSpan())
                    {
                        var pushed = builder.Get(label.Name);
                        if (pushed.Length > 0 && pushed != label.Value)
                        {
                            throw new ExpositionFormatException(parser.LineNumber,
                                $"pushed metric {metric} has label {label.Name}=\"{pushed}\" which contradicts the grouping key value \"{label.Value}\"");
                        }
                        builder.Set(label.Name, label.Value);
                    }
                    var family = currentFamily is not null && BelongsTo(metric, currentFamily, currentType) ? currentFamily : metric;
                    Slot(families, family).Samples.Add((builder.Build(), parser.Value));
                    break;
            }
        }
        return families.Where(p => p.Value.Samples.Count > 0 || p.Value.Help.Length > 0 || p.Value.Type != ParsedMetricType.Unknown)
            .ToDictionary(p => p.Key, p => new PushedFamily(p.Key, p.Value.Help, p.Value.Type, p.Value.Samples), StringComparer.Ordinal);
    }

    private static (string Help, ParsedMetricType Type, List<(LabelSet, double)> Samples) Slot(
        Dictionary<string, (string Help, ParsedMetricType Type, List<(LabelSet, double)> Samples)> families, string name)
    {
        if (!families.TryGetValue(name, out var slot))
        {
            slot = (string.Empty, ParsedMetricType.Unknown, []);
            families[name] = slot;
        }
        return slot;
    }

    private static bool BelongsTo(string metric, string family, ParsedMetricType type)
    {
        if (metric == family)
        {
            return true;
        }
        if (!metric.StartsWith(family, StringComparison.Ordinal))
        {
            return false;
        }
        var suffix = metric[family.Length..];
        return type switch
        {
            ParsedMetricType.Histogram or ParsedMetricType.GaugeHistogram => suffix is "_bucket" or "_sum" or "_count" or "_created",
            ParsedMetricType.Summary => suffix is "_sum" or "_count" or "_created",
            ParsedMetricType.Counter => suffix is "_total" or "_created",
            _ => false,
        };
    }
}
