using Argus.Rules.Format;

namespace Argus.Server.Check;

/// <summary>
/// <c>argus check rules</c>' per-file check: the full rule-file validation of
/// <see cref="RuleFileParser"/> (fields, durations, names, PromQL, templates) plus promtool's
/// duplicate-rule warnings.
/// </summary>
public static class RuleFileChecker
{
    /// <summary>Checks <paramref name="text"/> (named <paramref name="fileName"/> in messages) and
    /// returns every error found, the warnings and the number of rules.</summary>
    public static RuleCheckResult Check(string text, string fileName, RuleFileOptions? options = null)
    {
        var result = RuleFileParser.Parse(text, fileName, options);
        var warnings = new List<string>();
        if (result.IsValid)
        {
            var duplicates = DuplicateRuleFinder.Find(result.Groups);
            if (duplicates.Count > 0)
            {
                warnings.Add($"{duplicates.Count} duplicate rule(s) found.");
                foreach (var duplicate in duplicates)
                {
                    warnings.Add($"Metric: {duplicate.Name}");
                    warnings.Add($"Label(s):");
                    foreach (var (name, value) in duplicate.Labels)
                    {
                        warnings.Add($"\t{name}: {value}");
                    }
                }
                warnings.Add("Might cause inconsistency while recording expressions.");
            }
        }
        return new RuleCheckResult(result.RuleCount, result.Errors) { Warnings = warnings };
    }
}
