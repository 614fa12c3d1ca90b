using Argus.Rules.Format;
using Xunit.Abstractions;

namespace Argus.Rules.Tests.Format;

/// <summary>Every rule file of the shared Prometheus corpus is accepted or rejected as upstream does.</summary>
public sealed class RuleFileConformanceTests(ITestOutputHelper output)
{
    [Fact]
    public void EveryManifestRowIsClassifiedAsUpstreamDoes()
    {
        var folder = Path.Combine(ConformancePaths.PrometheusConfig, "rules");
        var rows = File.ReadAllLines(Path.Combine(folder, "MANIFEST.tsv"))
            .Where(l => l.Length > 0 && !l.StartsWith('#') && !l.StartsWith("file\t", StringComparison.Ordinal))
            .Select(l => l.Split('\t'))
            .ToList();
        var passed = 0;
        var failures = new List<string>();
        foreach (var row in rows)
        {
            var path = Path.Combine(folder, row[0]);
            foreach (var (options, expectValid, label) in Expectations(row[1]))
            {
                var result = RuleFileParser.ParseFile(path, options);
                var lintOk = !row[1].Contains("lint: duplicate", StringComparison.Ordinal) || DuplicateRuleFinder.Find(result.Groups).Count > 0;
                if (result.IsValid == expectValid && lintOk)
                {
                    passed++;
                }
                else
                {
                    failures.Add($"{row[0]} ({label}): expected {(expectValid ? "accept" : "reject")}, errors: {string.Join(" | ", result.Errors)}");
                }
            }
        }
        foreach (var failure in failures)
        {
            output.WriteLine(failure);
        }
        ConformancePaths.Report(output, $"prometheus-rules: {passed} passed, {failures.Count} failed, 0 skipped");
        Assert.Empty(failures);
    }

    private static IEnumerable<(RuleFileOptions Options, bool Valid, string Label)> Expectations(string expect)
    {
        foreach (var part in expect.Split(';', StringSplitOptions.TrimEntries))
        {
            var valid = part.StartsWith("accept", StringComparison.Ordinal);
            var options = RuleFileOptions.Default;
            if (part.Contains("legacy names", StringComparison.Ordinal))
            {
                options = options with { LegacyNameValidation = true };
            }
            if (part.Contains("ignore unknown fields", StringComparison.Ordinal))
            {
                options = options with { IgnoreUnknownFields = true };
            }
            if (part.Contains("(experimental)", StringComparison.Ordinal))
            {
                options = options with { ExperimentalPromqlSyntax = true };
            }
            yield return (options, valid, part);
        }
    }
}
