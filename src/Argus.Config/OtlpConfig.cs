namespace Argus.Config;

/// <summary>The <c>otlp</c> section: how OTLP metrics pushed to Argus are translated.</summary>
public sealed class OtlpConfig
{
    public const string UnderscoreEscapingWithSuffixes = "UnderscoreEscapingWithSuffixes";
    public const string UnderscoreEscapingWithoutSuffixes = "UnderscoreEscapingWithoutSuffixes";
    public const string NoUtf8EscapingWithSuffixes = "NoUTF8EscapingWithSuffixes";
    public const string NoTranslation = "NoTranslation";

    public bool PromoteAllResourceAttributes { get; init; }

    public IReadOnlyList<string> PromoteResourceAttributes { get; init; } = [];

    public IReadOnlyList<string> IgnoreResourceAttributes { get; init; } = [];

    public string TranslationStrategy { get; init; } = UnderscoreEscapingWithSuffixes;

    public bool KeepIdentifyingResourceAttributes { get; init; }

    public bool ConvertHistogramsToNhcb { get; init; }

    public bool PromoteScopeMetadata { get; init; }

    public bool LabelNameUnderscoreSanitization { get; init; } = true;

    public bool LabelNamePreserveMultipleUnderscores { get; init; } = true;

    public static OtlpConfig Default { get; } = new();

    internal static OtlpConfig Read(Yaml.YamlMap map)
    {
        var promoteAll = map.Bool("promote_all_resource_attributes", false);
        var promote = map.StringList("promote_resource_attributes") ?? [];
        var ignore = map.StringList("ignore_resource_attributes") ?? [];
        var strategy = map.String("translation_strategy");
        var config = new OtlpConfig
        {
            PromoteAllResourceAttributes = promoteAll,
            TranslationStrategy = string.IsNullOrEmpty(strategy) ? UnderscoreEscapingWithSuffixes : strategy,
            KeepIdentifyingResourceAttributes = map.Bool("keep_identifying_resource_attributes", false),
            ConvertHistogramsToNhcb = map.Bool("convert_histograms_to_nhcb", false),
            PromoteScopeMetadata = map.Bool("promote_scope_metadata", false),
            LabelNameUnderscoreSanitization = map.Bool("label_name_underscore_sanitization", true),
            LabelNamePreserveMultipleUnderscores = map.Bool("label_name_preserve_multiple_underscores", true),
            PromoteResourceAttributes = promoteAll ? [] : Sanitize(map, "promote_resource_attributes", promote, "promoted"),
            IgnoreResourceAttributes = promoteAll ? Sanitize(map, "ignore_resource_attributes", ignore, "ignored") : [],
        };
        map.EnsureAllRead();
        if (promoteAll && promote.Count > 0)
        {
            throw map.ErrorAt("promote_resource_attributes", "'promote_all_resource_attributes' and 'promote_resource_attributes' cannot be configured simultaneously");
        }
        if (!promoteAll && ignore.Count > 0)
        {
            throw map.ErrorAt("ignore_resource_attributes", "'ignore_resource_attributes' cannot be configured unless 'promote_all_resource_attributes' is true");
        }
        if (config.TranslationStrategy is not (UnderscoreEscapingWithSuffixes or UnderscoreEscapingWithoutSuffixes or NoUtf8EscapingWithSuffixes or NoTranslation))
        {
            throw map.ErrorAt("translation_strategy", $"unsupported OTLP translation strategy \"{config.TranslationStrategy}\"");
        }
        return config;
    }

    /// <summary>Trims the names; an empty or repeated name is an error.</summary>
    private static List<string> Sanitize(Yaml.YamlMap map, string key, IReadOnlyList<string> attributes, string adjective)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<string>();
        foreach (var raw in attributes)
        {
            var attribute = raw.Trim();
            if (attribute.Length == 0)
            {
                throw map.ErrorAt(key, $"invalid '{key}': empty {adjective} OTel resource attribute");
            }
            if (!seen.Add(attribute))
            {
                throw map.ErrorAt(key, $"invalid '{key}': duplicated {adjective} OTel resource attribute \"{attribute}\"");
            }
            result.Add(attribute);
        }
        return result;
    }
}
