using Argus.Instrumentation.Collectors;
using Argus.Server.Cli;

namespace Argus.Server.Tests;

public sealed class CommandLineTests : IDisposable
{
    private static readonly BuildInfo TestBuild = new("9.9.9", "abcdef", "main", "10.0.0");
    private readonly string _dir = Directory.CreateTempSubdirectory("argus-cli-").FullName;
    private readonly StringWriter _out = new();
    private readonly StringWriter _err = new();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private Task<int> RunAsync(params string[] args) => new ArgusCommandLine(_out, _err, TestBuild).InvokeAsync(args);

    private string WriteFile(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task Version_prints_the_build_and_exits_0Async()
    {
        Assert.Equal(0, await RunAsync("version"));
        Assert.StartsWith("argus, version 9.9.9 (branch: main, revision: abcdef)\n", _out.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("server", "--help")]
    [InlineData("check", "--help")]
    [InlineData("check", "config", "--help")]
    [InlineData("check", "rules", "-h")]
    [InlineData("version", "--help")]
    public async Task Help_is_available_everywhere_and_exits_0Async(params string[] args)
    {
        Assert.Equal(0, await RunAsync(args));
        Assert.Contains("Usage:", _out.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_help_lists_the_flagsAsync()
    {
        await RunAsync("server", "--help");
        Assert.Contains("--web.listen-address", _out.ToString(), StringComparison.Ordinal);
        Assert.Contains("--storage.tsdb.retention.time", _out.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("--no-such-flag")]
    [InlineData("check", "config")]
    [InlineData("check")]
    [InlineData("--query.timeout=soon")]
    [InlineData("--web.listen-address=nope")]
    [InlineData("--storage.tsdb.path=")]
    public async Task Usage_errors_exit_2Async(params string[] args)
    {
        Assert.Equal(2, await RunAsync(args));
        Assert.NotEqual("", _err.ToString());
    }

    [Fact]
    public async Task Check_config_accepts_a_valid_file_and_rejects_an_invalid_oneAsync()
    {
        var good = WriteFile("good.yml", "global:\n  scrape_interval: 15s\nscrape_configs: []\n");
        var bad = WriteFile("bad.yml", "global: {}\nscrape_intervall: 15s\n");
        Assert.Equal(0, await RunAsync("check", "config", good));
        Assert.Contains("SUCCESS", _out.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, await RunAsync("check", "config", good, bad));
        Assert.Contains($"{bad}:2:1: field scrape_intervall not found", _err.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, await RunAsync("check", "config", Path.Combine(_dir, "missing.yml")));
    }

    [Fact]
    public async Task Check_rules_reports_rule_counts_and_errors_with_positionsAsync()
    {
        var good = WriteFile("rules.yml", """
            groups:
              - name: example
                interval: 30s
                rules:
                  - record: job:up:sum
                    expr: sum by (job) (up)
                  - alert: Down
                    expr: up == 0
                    for: 5m
                    labels: { severity: page }
                    annotations: { summary: "{{ $labels.instance }} is down" }
            """);
        var bad = WriteFile("bad-rules.yml", """
            groups:
              - name: example
                rules:
                  - record: a
                    expr: b
                    exprr: c
            """);
        Assert.Equal(0, await RunAsync("check", "rules", good));
        Assert.Contains("SUCCESS: 2 rules found", _out.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, await RunAsync("check", "rules", bad));
        Assert.Contains($"{bad}:6:9: field exprr not found in rule", _err.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_config_also_checks_the_rule_files_it_referencesAsync()
    {
        WriteFile("good.rules.yml", "groups:\n  - name: g\n    rules:\n      - record: a\n        expr: b\n");
        var config = WriteFile("with-rules.yml", "rule_files: ['*.rules.yml']\n");
        Assert.Equal(0, await RunAsync("check", "config", config));
        Assert.Contains("SUCCESS: 1 rule files found", _out.ToString(), StringComparison.Ordinal);
        Assert.Contains("SUCCESS: 1 rules found", _out.ToString(), StringComparison.Ordinal);

        WriteFile("bad.rules.yml", "groups:\n  - name: g\n    rules:\n      - record: a\n");
        Assert.Equal(1, await RunAsync("check", "config", config));
        Assert.Contains("field 'expr' must be set in rule", _err.ToString(), StringComparison.Ordinal);
    }
}
