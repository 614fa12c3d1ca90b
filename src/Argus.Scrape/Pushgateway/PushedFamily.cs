using Argus.Model.Labels;
using Argus.Scrape.Parsing;

namespace Argus.Scrape.Pushgateway;

/// <summary>One metric family of a pushed group: metadata and samples, each sample's labels including
/// <c>__name__</c> and the group's grouping labels. Immutable once stored.</summary>
public sealed record PushedFamily(string Name, string Help, ParsedMetricType Type, IReadOnlyList<(LabelSet Labels, double Value)> Samples);
