using Argus.Model.Labels;

namespace Argus.Scrape.Pushgateway;

/// <summary>A Pushgateway group: its grouping key, its metric families by name and the last push times
/// (Unix seconds; 0 when never). Immutable: every push stores a new instance.</summary>
public sealed record PushGroup(LabelSet GroupingLabels, IReadOnlyDictionary<string, PushedFamily> Families, double PushTimeSeconds, double PushFailureTimeSeconds);
