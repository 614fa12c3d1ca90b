namespace Argus.Rules.UnitTesting;

/// <summary>One expected sample of a <see cref="PromqlTestCase"/>; labels in series notation, parsed at run time.</summary>
/// <param name="Histogram">A native histogram in the test notation, or empty for a float sample.</param>
public sealed record ExpectedSample(string Labels, double Value, string Histogram);
