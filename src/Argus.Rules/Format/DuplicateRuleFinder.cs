namespace Argus.Rules.Format;

/// <summary>
/// promtool's duplicate-rule lint: two rules of one file (in any groups) with the same name and the
/// same extra labels write or alert on the same series, which makes results inconsistent.
/// </summary>
public static class DuplicateRuleFinder
{
    /// <summary>Each duplicated (name, labels) identity once, ordered by name.</summary>
    public static IReadOnlyList<DuplicateRule> Find(IEnumerable<RuleGroupDefinition> groups)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var reported = new HashSet<string>(StringComparer.Ordinal);
        var duplicates = new List<DuplicateRule>();
        foreach (var rule in groups.SelectMany(g => g.Rules))
        {
            var labels = rule.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).ToList();
            var identity = rule.Name + "\u0000" + string.Join("\u0000", labels.Select(l => l.Key + "\u0001" + l.Value));
            if (!seen.Add(identity) && reported.Add(identity))
            {
                duplicates.Add(new DuplicateRule(rule.Name, labels));
            }
        }
        return duplicates.OrderBy(d => d.Name, StringComparer.Ordinal).ToList();
    }
}
