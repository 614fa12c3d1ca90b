using Argus.Model.Labels;

namespace Argus.PromQL.Testing;

/// <summary>One expected result line: labels and one slot per step (one for instant vectors).</summary>
public sealed record ExpectedSeries(LabelSet Labels, IReadOnlyList<Slot> Slots);
