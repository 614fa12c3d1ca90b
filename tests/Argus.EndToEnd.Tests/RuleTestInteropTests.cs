using System.Diagnostics;

namespace Argus.EndToEnd.Tests;

/// <summary>
/// Debian's real <c>promtool test rules</c> (2.42) and <c>argus test rules</c> judge the same files the
/// same way. Version note: promtool 2.42 predates Prometheus 3's left-open range and lookback windows,
/// <c>fuzzy_compare</c>, <c>--run</c> and histogram expectations; Argus follows the current documented
/// behaviour, so the files written here keep samples away from window boundaries, and the shared
/// fixtures are compared on their outcome without flags.
/// </summary>
public sealed class RuleTestInteropTests : IDisposable
{
    private const string RuleFile = """
        groups:
          - name: availability
            rules:
              - record: job:errors:max5m
                expr: max by (job) (max_over_time(errors_total[5m]))
              - alert: ErrorsClimbing
                expr: job:errors:max5m > 3
                for: 2m
                labels:
                  owner: "{{ $labels.job }}-oncall"
                annotations:
                  summary: "{{ $labels.job }} has {{ $value | humanize }} errors"
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("argus-e2e-ruletest-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Promtool_and_argus_agree_on_every_shared_rule_test_fixtureAsync()
    {
        var folder = Path.GetFullPath(Path.Combine(ArgusBinary.RepositoryRoot, "..", "shared", "conformance", "prometheus-config", "rule-tests"));
        var rows = File.ReadAllLines(Path.Combine(folder, "MANIFEST.tsv"))
            .Where(l => l.Length > 0 && !l.StartsWith('#') && !l.StartsWith("test_file\t", StringComparison.Ordinal))
            .Select(l => l.Split('\t'))
            .ToList();
        Assert.True(rows.Count >= 10);
        var disagreements = new List<string>();
        var newerThanPeer = 0;
        foreach (var row in rows)
        {
            var file = row[0];
            var promtool = await RunPromtoolAsync(folder, "test", "rules", file);
            var argus = await CliProcess.RunAsync(folder, "test", "rules", file);
            if (PredatesFormat(promtool.Output))
            {
                // Debian's promtool 2.42 predates parts of the test format the fixtures use (native histograms in
                // exp_samples, fuzzy_compare; both documented for current promtool): there the manifest, recorded
                // with promtool 3.14, says what the file must do when run without flags.
                newerThanPeer++;
                var expected = row[3] == "pass" ? 0 : 1;
                if (argus.ExitCode != expected)
                {
                    disagreements.Add($"{file}: promtool 3.14 exits {expected} (manifest), argus exit {argus.ExitCode}\n{argus.Stdout}{argus.Stderr}");
                }
                continue;
            }
            if (promtool.ExitCode != argus.ExitCode)
            {
                disagreements.Add($"{file}: promtool exit {promtool.ExitCode}, argus exit {argus.ExitCode}\n{promtool.Output}\n{argus.Stdout}{argus.Stderr}");
            }
        }
        Assert.Empty(disagreements);
        // Only the files with native histograms and fuzzy_compare need the newer format; the rest meet the peer.
        Assert.True(newerThanPeer <= 2, $"{newerThanPeer} fixtures were judged by the manifest instead of promtool 2.42");
    }

    [Fact]
    public async Task Both_pass_a_correct_alert_and_recording_test_and_both_fail_a_wrong_oneAsync()
    {
        await File.WriteAllTextAsync(Path.Combine(_dir, "rules.yml"), RuleFile);
        await File.WriteAllTextAsync(Path.Combine(_dir, "good.yml"), TestFile(owner: "api-oncall", summary: "api has 12 errors", recorded: 12));
        await File.WriteAllTextAsync(Path.Combine(_dir, "bad.yml"), TestFile(owner: "web-oncall", summary: "api has 12 errors", recorded: 11));

        var promtoolGood = await RunPromtoolAsync(_dir, "test", "rules", "good.yml");
        var argusGood = await CliProcess.RunAsync(_dir, "test", "rules", "good.yml");
        Assert.True(promtoolGood.ExitCode == 0, promtoolGood.Output);
        Assert.True(argusGood.ExitCode == 0, argusGood.Stdout + argusGood.Stderr);
        Assert.Contains("SUCCESS", argusGood.Stdout, StringComparison.Ordinal);

        var promtoolBad = await RunPromtoolAsync(_dir, "test", "rules", "bad.yml");
        var argusBad = await CliProcess.RunAsync(_dir, "test", "rules", "bad.yml");
        Assert.Equal(1, promtoolBad.ExitCode);
        Assert.Equal(1, argusBad.ExitCode);
        // Both report the same two failures: the alert's labels and the recorded value.
        foreach (var output in new[] { promtoolBad.Output, argusBad.Stderr })
        {
            Assert.Contains("alertname: ErrorsClimbing, time: 6m", output, StringComparison.Ordinal);
            Assert.Contains("expr: \"job:errors:max5m\", time: 6m", output, StringComparison.Ordinal);
        }
    }

    /// <summary>Errors rise by 2 a minute from 0; at 6m the 5-minute maximum is 12, the alert (above 3 since
    /// 2m, for 2m) fires, owned by api-oncall.</summary>
    private static string TestFile(string owner, string summary, double recorded) => $$"""
        rule_files: [rules.yml]
        evaluation_interval: 1m
        tests:
          - interval: 1m
            input_series:
              - series: 'errors_total{job="api", instance="a:1"}'
                values: '0+2x10'
            alert_rule_test:
              - eval_time: 1m
                alertname: ErrorsClimbing
                exp_alerts: []
              - eval_time: 6m
                alertname: ErrorsClimbing
                exp_alerts:
                  - exp_labels: { job: api, owner: {{owner}} }
                    exp_annotations: { summary: "{{summary}}" }
            promql_expr_test:
              - expr: job:errors:max5m
                eval_time: 6m
                exp_samples:
                  - labels: 'job:errors:max5m{job="api"}'
                    value: {{recorded}}
              - expr: count(ALERTS{alertname="ErrorsClimbing"}) by (alertstate)
                eval_time: 3m
                exp_samples:
                  - labels: '{alertstate="pending"}'
                    value: 1
        """;

    /// <summary>True when promtool refused the file for a field its (older) test format does not have.</summary>
    private static bool PredatesFormat(string promtoolOutput) =>
        promtoolOutput.Contains("not found in type main.", StringComparison.Ordinal);

    private static async Task<(int ExitCode, string Output)> RunPromtoolAsync(string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo("promtool")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, await stdout + await stderr);
    }
}
