namespace Argus.Rules.UnitTesting;

/// <summary>One <c>input_series</c> entry, kept as text: it is parsed when its test group runs, so a
/// bad series fails that group the way promtool reports it.</summary>
public sealed record InputSeries(string Series, string Values);
