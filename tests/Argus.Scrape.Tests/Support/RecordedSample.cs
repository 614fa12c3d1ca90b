using Argus.Model.Labels;

namespace Argus.Scrape.Tests.Support;

/// <summary>A sample a <see cref="RecordingAppendable"/> saw committed.</summary>
internal sealed record RecordedSample(LabelSet Labels, long TimestampMs, double Value);
