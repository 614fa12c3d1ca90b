namespace Argus.Rules.Format;

/// <summary>A rule name and label set that more than one rule of a file defines.</summary>
public sealed record DuplicateRule(string Name, IReadOnlyList<KeyValuePair<string, string>> Labels);
