using Argus.Config.Yaml;
using Argus.Model.Labels;
using YamlDotNet.RepresentationModel;

namespace Argus.Config.Discovery;

/// <summary>
/// A group of targets sharing labels: one entry of <c>static_configs</c>, or of a file_sd file.
/// Each target is a label set holding at least <c>__address__</c>.
/// </summary>
public sealed class TargetGroup
{
    public IReadOnlyList<LabelSet> Targets { get; init; } = [];

    public LabelSet Labels { get; init; } = LabelSet.Empty;

    /// <summary>Where the group came from (e.g. <c>0</c> for the first static config, or a file name).</summary>
    public string Source { get; init; } = string.Empty;

    /// <summary>The target addresses as written.</summary>
    public IEnumerable<string> Addresses => Targets.Select(t => t.Get(LabelNames.Address));

    /// <summary>Reads one target group (<c>targets</c>, <c>labels</c>); label names must be valid
    /// UTF-8 names and values valid UTF-8.</summary>
    public static TargetGroup Read(YamlSource source, YamlNode node, string sourceName)
    {
        var map = source.Map(node, "targetgroup.Group");
        var targets = new List<LabelSet>();
        foreach (var target in map.List("targets", "[]string", source.String))
        {
            targets.Add(LabelSet.FromPairs(LabelNames.Address, target));
        }
        var labels = new LabelSetBuilder();
        if (map.Map("labels", "model.LabelSet") is { } labelMap)
        {
            foreach (var (keyNode, valueNode) in labelMap.Entries)
            {
                var name = source.LabelName(keyNode, allowUtf8: true);
                var value = YamlSource.IsNull(valueNode) ? string.Empty : source.String(valueNode);
                if (!LabelNames.IsValidValue(value))
                {
                    throw source.Error(valueNode, $"\"{value}\" is not a valid label value");
                }
                labels.Set(name, value);
            }
            labelMap.MarkAllRead();
        }
        map.EnsureAllRead();
        return new TargetGroup { Targets = targets, Labels = labels.Build(), Source = sourceName };
    }
}
