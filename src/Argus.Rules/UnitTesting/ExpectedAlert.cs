namespace Argus.Rules.UnitTesting;

/// <summary>One expected alert: its labels (without <c>alertname</c>, which is implied) and annotations.</summary>
public sealed record ExpectedAlert(
    IReadOnlyList<KeyValuePair<string, string>> Labels,
    IReadOnlyList<KeyValuePair<string, string>> Annotations);
