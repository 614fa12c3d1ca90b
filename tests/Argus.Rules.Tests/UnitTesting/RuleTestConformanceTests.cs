using System.Text.RegularExpressions;
using Argus.PromQL.Engine;
using Argus.Rules.UnitTesting;
using Xunit.Abstractions;

namespace Argus.Rules.Tests.UnitTesting;

/// <summary>
/// Every <c>promtool test rules</c> file of the shared Prometheus corpus passes or fails as upstream
/// promtool does, under each flag combination its manifest row names.
/// </summary>
public sealed partial class RuleTestConformanceTests(ITestOutputHelper output)
{
    [Fact]
    public void EveryManifestRowPassesOrFailsAsPromtoolDoes()
    {
        var folder = Path.Combine(ConformancePaths.PrometheusConfig, "rule-tests");
        var rows = File.ReadAllLines(Path.Combine(folder, "MANIFEST.tsv"))
            .Where(l => l.Length > 0 && !l.StartsWith('#') && !l.StartsWith("test_file\t", StringComparison.Ordinal))
            .Select(l => l.Split('\t'))
            .ToList();
        Assert.NotEmpty(rows);
        var passed = 0;
        var failures = new List<string>();
        foreach (var row in rows)
        {
            foreach (var (options, expectPass, label) in Expectations(row[3]))
            {
                var errors = new RuleTestRunner(TextWriter.Null, TextWriter.Null, options).RunFile(Path.Combine(folder, row[0]));
                if ((errors.Count == 0) == expectPass)
                {
                    passed++;
                }
                else
                {
                    failures.Add($"{row[0]} ({label}): expected {(expectPass ? "pass" : "fail")}; errors: {string.Join(" | ", errors)}");
                }
            }
        }
        foreach (var failure in failures)
        {
            output.WriteLine(failure);
        }
        ConformancePaths.Report(output, $"prometheus-rule-tests: {passed} passed, {failures.Count} failed");
        Assert.Empty(failures);
        Assert.True(passed >= 15, $"only {passed} cases classified as promtool does");
    }

    /// <summary>The variants of one manifest <c>expect</c> cell, e.g. <c>pass with --run correct; fail with --run wrong</c>.</summary>
    private static IEnumerable<(RuleTestOptions Options, bool Pass, string Label)> Expectations(string expect)
    {
        foreach (var part in expect.Split(';', StringSplitOptions.TrimEntries))
        {
            var options = new RuleTestOptions();
            if (RunFlag().Match(part) is { Success: true } run)
            {
                options = options with { RunPatterns = [new Regex(run.Groups[1].Value)] };
            }
            if (part.Contains("--ignore-unknown-fields", StringComparison.Ordinal))
            {
                options = options with { IgnoreUnknownFields = true };
            }
            if (part.Contains("if disabled", StringComparison.Ordinal))
            {
                options = options with { EngineOptions = new PromqlEngineOptions { EnableNegativeOffset = false } };
            }
            yield return (options, part.StartsWith("pass", StringComparison.Ordinal), part);
        }
    }

    [GeneratedRegex(@"--run (\S+)")]
    private static partial Regex RunFlag();
}
