using System.Text.RegularExpressions;
using Argus.PromQL.Testing;
using Argus.Rules.UnitTesting;
using Argus.Server.Cli;

namespace Argus.Server.Test;

/// <summary>The <c>argus test …</c> commands.</summary>
internal static class TestCommands
{
    /// <summary><c>argus test promql FILE|DIR…</c>: 0 when every case passed, 1 when any failed or a path is missing.</summary>
    public static int RunPromqlScripts(IReadOnlyList<string> paths, TextWriter output, TextWriter error)
    {
        var missing = paths.Where(p => !File.Exists(p) && !Directory.Exists(p)).ToList();
        foreach (var path in missing)
        {
            error.WriteLine($"argus test promql: {path}: no such file or directory");
        }
        if (missing.Count > 0)
        {
            return ArgusCommandLine.ExitInvalidInput;
        }
        var summary = new PromqlScriptRunner(output).Run(paths);
        foreach (var failure in summary.Failures)
        {
            error.WriteLine($"FAILED {failure}");
        }
        return summary.Failed == 0 ? ArgusCommandLine.ExitOk : ArgusCommandLine.ExitInvalidInput;
    }

    /// <summary><c>argus test rules FILE…</c>, promtool's <c>test rules</c>: 0 when every test passed, 1 otherwise.</summary>
    public static int RunRuleTests(IReadOnlyList<string> files, IReadOnlyList<string> runPatterns, bool ignoreUnknownFields, TextWriter output, TextWriter error)
    {
        var patterns = new List<Regex>();
        foreach (var pattern in runPatterns)
        {
            try
            {
                patterns.Add(new Regex(pattern, RegexOptions.CultureInvariant));
            }
            catch (ArgumentException e)
            {
                error.WriteLine($"argus test rules: --run {pattern}: {e.Message}");
                return ArgusCommandLine.ExitUsage;
            }
        }
        var options = new RuleTestOptions { RunPatterns = patterns, IgnoreUnknownFields = ignoreUnknownFields };
        return new RuleTestRunner(output, error, options).Run(files) ? ArgusCommandLine.ExitOk : ArgusCommandLine.ExitInvalidInput;
    }
}
