using Argus.Model.Labels;

namespace Argus.Scrape.Tests.Parsing;

/// <summary>One parsed entry, materialised for assertions.</summary>
internal sealed record ParsedSample(LabelSet Labels, double Value, long? TimestampMs, LabelSet? Exemplar, double? ExemplarValue);
