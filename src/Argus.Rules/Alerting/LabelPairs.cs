using Argus.Model.Labels;

namespace Argus.Rules.Alerting;

/// <summary>Name/value lists as rules keep them (labels and annotations in file order) turned into label sets.</summary>
public static class LabelPairs
{
    /// <summary>A sorted label set of <paramref name="pairs"/>; a later pair wins, an empty value is dropped.</summary>
    public static LabelSet ToLabelSet(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var builder = new LabelSetBuilder();
        foreach (var (name, value) in pairs)
        {
            builder.Set(name, value);
        }
        return builder.Build();
    }
}
