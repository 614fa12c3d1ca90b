using Argus.Model.Labels;

namespace Argus.Config;

/// <summary>Name checks under a <see cref="NameValidationScheme"/>, and its configuration spelling.</summary>
public static class NameValidation
{
    public static bool IsValidLabelName(this NameValidationScheme scheme, ReadOnlySpan<char> name) =>
        scheme == NameValidationScheme.Legacy ? LabelNames.IsValidLegacyName(name) : LabelNames.IsValidUtf8Name(name);

    public static bool IsValidMetricName(this NameValidationScheme scheme, ReadOnlySpan<char> name) =>
        scheme == NameValidationScheme.Legacy ? LabelNames.IsValidLegacyMetricName(name) : LabelNames.IsValidUtf8Name(name);

    /// <summary>The value written in configuration files: <c>utf8</c> or <c>legacy</c>.</summary>
    public static string ToConfigString(this NameValidationScheme scheme) =>
        scheme == NameValidationScheme.Legacy ? "legacy" : "utf8";

    /// <summary>Parses <c>utf8</c> / <c>legacy</c>; anything else is null.</summary>
    public static NameValidationScheme? Parse(string text) => text switch
    {
        "utf8" => NameValidationScheme.Utf8,
        "legacy" => NameValidationScheme.Legacy,
        _ => null,
    };
}
