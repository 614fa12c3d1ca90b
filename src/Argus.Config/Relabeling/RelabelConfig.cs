using Argus.Config.Yaml;
using YamlDotNet.RepresentationModel;

namespace Argus.Config.Relabeling;

/// <summary>
/// One relabel rule (<c>relabel_configs</c>, <c>metric_relabel_configs</c>,
/// <c>alert_relabel_configs</c>, <c>write_relabel_configs</c>) with Prometheus' defaults:
/// separator <c>;</c>, regex <c>(.*)</c> (fully anchored), replacement <c>$1</c>, action replace.
/// Construction validates the field combination for the action and precompiles the templates.
/// </summary>
/// <remarks>Immutable and thread-safe; apply with <see cref="Relabeler"/>.</remarks>
public sealed class RelabelConfig
{
    public const string DefaultSeparator = ";";
    public const string DefaultReplacement = "$1";

    private static readonly System.Text.RegularExpressions.Regex LegacyTargetPattern =
        new(@"^(?:(?:[a-zA-Z_]|\$(?:\{\w+\}|\w+))+\w*)+$", System.Text.RegularExpressions.RegexOptions.CultureInvariant | System.Text.RegularExpressions.RegexOptions.ECMAScript);

    private RelabelConfig(
        RelabelAction action,
        IReadOnlyList<string>? sourceLabels,
        string separator,
        ConfigRegex regex,
        bool regexIsDefault,
        ulong modulus,
        string targetLabel,
        string replacement,
        NameValidationScheme scheme)
    {
        Action = action;
        SourceLabelsSpecified = sourceLabels is not null;
        SourceLabels = sourceLabels?.ToArray() ?? [];
        Separator = separator;
        Regex = regex;
        RegexIsDefault = regexIsDefault;
        Modulus = modulus;
        TargetLabel = targetLabel;
        Replacement = replacement;
        NameValidationScheme = scheme;
        var error = Validate();
        if (error is not null)
        {
            throw new ArgumentException(error);
        }
        TargetTemplate = ReplacementTemplate.Compile(targetLabel, regex);
        ReplacementTemplate = ReplacementTemplate.Compile(replacement, regex);
    }

    public RelabelAction Action { get; }

    public IReadOnlyList<string> SourceLabels { get; }

    public string Separator { get; }

    public ConfigRegex Regex { get; }

    public ulong Modulus { get; }

    public string TargetLabel { get; }

    public string Replacement { get; }

    /// <summary>The scheme used to validate target names, at load time and when applying a replace.</summary>
    public NameValidationScheme NameValidationScheme { get; }

    /// <summary>True when the regex was not configured (the default <c>(.*)</c> is in use).</summary>
    public bool RegexIsDefault { get; }

    internal bool SourceLabelsSpecified { get; }

    internal ReplacementTemplate TargetTemplate { get; }

    internal ReplacementTemplate ReplacementTemplate { get; }

    /// <summary>Builds and validates a rule in code; null arguments take Prometheus' defaults.</summary>
    /// <exception cref="ArgumentException">The combination is invalid; the message says why.</exception>
    public static RelabelConfig Create(
        RelabelAction action = RelabelAction.Replace,
        IReadOnlyList<string>? sourceLabels = null,
        string? separator = null,
        string? regex = null,
        ulong modulus = 0,
        string? targetLabel = null,
        string? replacement = null,
        NameValidationScheme scheme = NameValidationScheme.Utf8) =>
        new(action, sourceLabels, separator ?? DefaultSeparator, regex is null ? ConfigRegex.MatchAll : ConfigRegex.Create(regex),
            regex is null, modulus, targetLabel ?? string.Empty, replacement ?? DefaultReplacement, scheme);

    /// <summary>The spelling of <paramref name="action"/> in configuration files.</summary>
    public static string ActionName(RelabelAction action) => action.ToString().ToLowerInvariant();

    /// <summary>Reads one rule from YAML; a null entry is an error (<paramref name="nullMessage"/>).</summary>
    public static RelabelConfig Read(YamlSource source, YamlNode node, NameValidationScheme scheme, string nullMessage)
    {
        if (YamlSource.IsNull(node))
        {
            throw source.Error(node, nullMessage);
        }
        var map = source.Map(node, "relabel.Config");
        var sourceLabels = map.Take("source_labels") is { } labelsNode
            ? source.Sequence(labelsNode, "model.LabelNames").Select(n => source.LabelName(n, allowUtf8: true)).ToList()
            : null;
        var separator = map.String("separator") ?? DefaultSeparator;
        ConfigRegex regex;
        var regexIsDefault = false;
        if (map.Contains("regex"))
        {
            // An explicitly empty "regex:" compiles the empty pattern, as Prometheus does.
            regex = map.Regex("regex") ?? ConfigRegex.Create(string.Empty);
        }
        else
        {
            regex = ConfigRegex.MatchAll;
            regexIsDefault = true;
        }
        var modulus = map.UInt64("modulus") ?? 0;
        var targetLabel = map.String("target_label") ?? string.Empty;
        var replacement = map.String("replacement") ?? DefaultReplacement;
        var actionPresent = map.Contains("action");
        var actionText = map.String("action");
        map.EnsureAllRead();
        if (actionPresent && string.IsNullOrEmpty(actionText))
        {
            throw map.ErrorAt("action", "relabel action cannot be empty");
        }
        var action = RelabelAction.Replace;
        if (actionText is not null && !TryParseAction(actionText, out action))
        {
            throw map.ErrorAt("action", $"unknown relabel action \"{actionText}\"");
        }
        try
        {
            return new RelabelConfig(action, sourceLabels, separator, regex, regexIsDefault, modulus, targetLabel, replacement, scheme);
        }
        catch (ArgumentException e)
        {
            throw map.Error(e.Message);
        }
    }

    /// <summary>Parses an action name case-insensitively, as Prometheus does.</summary>
    public static bool TryParseAction(string text, out RelabelAction action)
    {
        foreach (var candidate in Enum.GetValues<RelabelAction>())
        {
            if (string.Equals(ActionName(candidate), text, StringComparison.OrdinalIgnoreCase))
            {
                action = candidate;
                return true;
            }
        }
        action = RelabelAction.Replace;
        return false;
    }

    private string? Validate()
    {
        var name = ActionName(Action);
        var scheme = NameValidationScheme;
        bool ValidWithVariables(string value) =>
            scheme == NameValidationScheme.Legacy ? LegacyTargetPattern.IsMatch(value) : scheme.IsValidLabelName(value);
        if (Action == RelabelAction.HashMod && Modulus == 0)
        {
            return "relabel configuration for hashmod requires non-zero modulus";
        }
        var needsTarget = Action is RelabelAction.Replace or RelabelAction.HashMod or RelabelAction.Lowercase
            or RelabelAction.Uppercase or RelabelAction.KeepEqual or RelabelAction.DropEqual;
        if (needsTarget && TargetLabel.Length == 0)
        {
            return $"relabel configuration for {name} action requires 'target_label' value";
        }
        if (Action == RelabelAction.Replace)
        {
            var valid = TargetLabel.Contains('$') ? ValidWithVariables(TargetLabel) : scheme.IsValidLabelName(TargetLabel);
            if (!valid)
            {
                return $"\"{TargetLabel}\" is invalid 'target_label' for {name} action";
            }
        }
        var equalOrCase = Action is RelabelAction.Lowercase or RelabelAction.Uppercase or RelabelAction.KeepEqual or RelabelAction.DropEqual;
        if ((equalOrCase || Action == RelabelAction.HashMod) && !scheme.IsValidLabelName(TargetLabel))
        {
            return $"\"{TargetLabel}\" is invalid 'target_label' for {name} action";
        }
        if (equalOrCase && Replacement != DefaultReplacement)
        {
            return $"'replacement' can not be set for {name} action";
        }
        if (Action == RelabelAction.LabelMap && !ValidWithVariables(Replacement))
        {
            return $"\"{Replacement}\" is invalid 'replacement' for {name} action";
        }
        if (Action is RelabelAction.KeepEqual or RelabelAction.DropEqual
            && (!RegexIsDefault || Modulus != 0 || Separator != DefaultSeparator || Replacement != DefaultReplacement))
        {
            return $"{name} action requires only 'source_labels' and `target_label`, and no other fields";
        }
        if (Action is RelabelAction.LabelDrop or RelabelAction.LabelKeep
            && (SourceLabelsSpecified || TargetLabel.Length != 0 || Modulus != 0 || Separator != DefaultSeparator || Replacement != DefaultReplacement))
        {
            return $"{name} action requires only 'regex', and no other fields";
        }
        return null;
    }
}
