namespace Argus.Config;

/// <summary>Which metric and label names are valid: Prometheus 3's default <see cref="Utf8"/>
/// (any non-empty valid UTF-8) or the <see cref="Legacy"/> <c>[a-zA-Z_][a-zA-Z0-9_]*</c> rule.</summary>
public enum NameValidationScheme
{
    Utf8,
    Legacy,
}
