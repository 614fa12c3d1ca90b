using Argus.Config;
using Argus.Server.Config;

namespace Argus.Server.Check;

/// <summary>
/// <c>argus check config FILE…</c> and <c>argus check rules FILE…</c>: check each file, print
/// <c>Checking FILE</c> then <c>SUCCESS</c> or <c>FAILED</c> with the reasons, and return 0 when every
/// file is valid, 1 otherwise.
/// </summary>
public static class CheckCommands
{
    /// <summary>Loads each configuration file, runs promtool's extra checks (referenced files exist,
    /// relabelled static targets are valid) and then checks every rule file it references.</summary>
    public static async Task<int> CheckConfigAsync(IReadOnlyList<string> files, TextWriter output, TextWriter error)
    {
        var failed = false;
        foreach (var file in files)
        {
            await output.WriteLineAsync($"Checking {file}").ConfigureAwait(false);
            IReadOnlyList<string> ruleFiles;
            try
            {
                var loaded = await ConfigLoader.LoadAsync(ConfigSource.FromFile(file), TimeProvider.System, CancellationToken.None).ConfigureAwait(false);
                var problems = PrometheusConfigChecker.FindProblems(loaded.Config);
                if (problems.Count > 0)
                {
                    failed = true;
                    await error.WriteLineAsync("  FAILED:").ConfigureAwait(false);
                    foreach (var problem in problems)
                    {
                        await error.WriteLineAsync($"{file}: {problem}").ConfigureAwait(false);
                    }
                    await output.WriteLineAsync().ConfigureAwait(false);
                    continue;
                }
                ruleFiles = loaded.Config.ResolveRuleFiles();
                await output.WriteLineAsync(ruleFiles.Count > 0
                    ? $"  SUCCESS: {ruleFiles.Count} rule files found"
                    : $"  SUCCESS: {file} is valid Argus (Prometheus) config file syntax").ConfigureAwait(false);
            }
            catch (ConfigException ex)
            {
                failed = true;
                await error.WriteLineAsync($"  FAILED: {ex.Message}").ConfigureAwait(false);
                await output.WriteLineAsync().ConfigureAwait(false);
                continue;
            }
            await output.WriteLineAsync().ConfigureAwait(false);
            if (ruleFiles.Count > 0 && await CheckRulesAsync(ruleFiles, output, error).ConfigureAwait(false) != 0)
            {
                failed = true;
            }
        }
        return failed ? 1 : 0;
    }

    public static async Task<int> CheckRulesAsync(IReadOnlyList<string> files, TextWriter output, TextWriter error)
    {
        var failed = false;
        foreach (var file in files)
        {
            await output.WriteLineAsync($"Checking {file}").ConfigureAwait(false);
            string text;
            try
            {
                text = await File.ReadAllTextAsync(file).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                failed = true;
                await error.WriteLineAsync($"  FAILED: {file}: cannot read rule file: {ex.Message}").ConfigureAwait(false);
                await output.WriteLineAsync().ConfigureAwait(false);
                continue;
            }
            var result = RuleFileChecker.Check(text, file);
            foreach (var warning in result.Warnings)
            {
                await output.WriteLineAsync(warning).ConfigureAwait(false);
            }
            if (result.IsValid)
            {
                await output.WriteLineAsync($"  SUCCESS: {result.RuleCount} rules found").ConfigureAwait(false);
            }
            else
            {
                failed = true;
                await error.WriteLineAsync("  FAILED:").ConfigureAwait(false);
                foreach (var message in result.Errors)
                {
                    await error.WriteLineAsync(message).ConfigureAwait(false);
                }
            }
            await output.WriteLineAsync().ConfigureAwait(false);
        }
        return failed ? 1 : 0;
    }
}
