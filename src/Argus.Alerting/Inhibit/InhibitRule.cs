using Argus.Alerting.Matchers;
using Argus.Model.Labels;

namespace Argus.Alerting.Inhibit;

/// <summary>
/// One <c>inhibit_rules</c> entry: while an alert matching all <see cref="SourceMatchers"/> fires, alerts
/// matching all <see cref="TargetMatchers"/> that have the same values for every <see cref="Equal"/> label
/// are muted. The deprecated <c>source_match(_re)</c>/<c>target_match(_re)</c> forms are folded into the
/// matcher lists when the configuration is read.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class InhibitRule(string? name, IReadOnlyList<LabelMatcher> sourceMatchers, IReadOnlyList<LabelMatcher> targetMatchers, IReadOnlyList<string> equal)
{
    /// <summary>Optional name for messages and the API.</summary>
    public string? Name { get; } = name;

    public IReadOnlyList<LabelMatcher> SourceMatchers { get; } = sourceMatchers;

    public IReadOnlyList<LabelMatcher> TargetMatchers { get; } = targetMatchers;

    /// <summary>Label names whose values must be equal in source and target (absent equals absent).</summary>
    public IReadOnlyList<string> Equal { get; } = equal;

    public bool MatchesSource(LabelSet labels) => MatchesAll(SourceMatchers, labels);

    public bool MatchesTarget(LabelSet labels) => MatchesAll(TargetMatchers, labels);

    /// <summary>True when <paramref name="source"/> and <paramref name="target"/> agree on every <see cref="Equal"/> label.</summary>
    public bool EqualLabelsMatch(LabelSet source, LabelSet target) =>
        Equal.All(n => string.Equals(source.Get(n), target.Get(n), StringComparison.Ordinal));

    public override string ToString() =>
        $"inhibit {MatcherParser.Format(SourceMatchers)} -> {MatcherParser.Format(TargetMatchers)} equal [{string.Join(",", Equal)}]";

    private static bool MatchesAll(IReadOnlyList<LabelMatcher> matchers, LabelSet labels)
    {
        foreach (var m in matchers)
        {
            if (!m.Matches(labels.Get(m.Name)))
            {
                return false;
            }
        }
        return true;
    }
}
