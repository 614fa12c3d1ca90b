using Argus.Config.Relabeling;
using Argus.Model.Labels;

namespace Argus.Rules.Notifier;

/// <summary>How the notifier changes alert labels: external labels the alert does not already have, then
/// relabel rules. Immutable, so a reload swaps it whole.</summary>
internal sealed record AlertLabeling(LabelSet ExternalLabels, IReadOnlyList<RelabelConfig> RelabelConfigs)
{
    public static AlertLabeling None { get; } = new(LabelSet.Empty, []);

    /// <summary>The alert with its labels changed, or null when relabeling dropped it or left no label.</summary>
    public OutgoingAlert? Apply(OutgoingAlert alert)
    {
        if (ExternalLabels.Count == 0 && RelabelConfigs.Count == 0)
        {
            return alert;
        }
        var builder = new LabelSetBuilder(alert.Labels);
        foreach (var label in ExternalLabels.AsSpan())
        {
            if (builder.Get(label.Name).Length == 0)
            {
                builder.Set(label.Name, label.Value);
            }
        }
        return Relabel(alert, builder, RelabelConfigs);
    }

    /// <summary>Applies <paramref name="rules"/> to the labels in <paramref name="builder"/>; null when they drop the alert.</summary>
    public static OutgoingAlert? Relabel(OutgoingAlert alert, LabelSetBuilder builder, IReadOnlyList<RelabelConfig> rules)
    {
        if (!Relabeler.Process(builder, rules) || builder.Count == 0)
        {
            return null;
        }
        return alert with { Labels = builder.Build() };
    }
}
