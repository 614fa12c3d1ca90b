using Argus.Model.Labels;

namespace Argus.Templates.Prometheus;

/// <summary>
/// One element of a <c>query</c> result as Prometheus templates see it: <c>.Labels</c> (a map) and
/// <c>.Value</c>.
/// </summary>
public sealed record QuerySample(IReadOnlyDictionary<string, string> Labels, double Value)
{
    public static QuerySample From(LabelSet labels, double value) => new(LabelMap(labels), value);

    /// <summary>A label set as the <c>map[string]string</c> templates expect.</summary>
    public static IReadOnlyDictionary<string, string> LabelMap(LabelSet labels)
    {
        var map = new Dictionary<string, string>(labels.Count, StringComparer.Ordinal);
        foreach (var label in labels)
        {
            map[label.Name] = label.Value;
        }
        return map;
    }
}
