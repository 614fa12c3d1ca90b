namespace Argus.EndToEnd.Tests;

public sealed class CliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("argus-e2e-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Check_config_exits_0_for_valid_and_1_for_invalid_filesAsync()
    {
        await File.WriteAllTextAsync(Path.Combine(_dir, "good.yml"), "global:\n  scrape_interval: 15s\n");
        await File.WriteAllTextAsync(Path.Combine(_dir, "bad.yml"), "global: [\n");
        var good = await CliProcess.RunAsync(_dir, "check", "config", "good.yml");
        Assert.Equal(0, good.ExitCode);
        Assert.Contains("SUCCESS", good.Stdout, StringComparison.Ordinal);
        var bad = await CliProcess.RunAsync(_dir, "check", "config", "good.yml", "bad.yml");
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("FAILED", bad.Stderr, StringComparison.Ordinal);
        Assert.Contains("bad.yml:", bad.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("--web.no-such-flag=1")]
    [InlineData("check", "nothing")]
    public async Task Unknown_commands_and_flags_exit_2Async(params string[] args)
    {
        var result = await CliProcess.RunAsync(_dir, args);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("argus: error:", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_prints_the_version_lineAsync()
    {
        var result = await CliProcess.RunAsync(_dir, "version");
        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^argus, version \S+ \(branch: \S+, revision: \S+\)\n", result.Stdout);
    }

    [Fact]
    public async Task Help_lists_commands_and_flagsAsync()
    {
        var result = await CliProcess.RunAsync(_dir, "--help");
        Assert.Equal(0, result.ExitCode);
        foreach (var expected in new[] { "server", "check", "version", "--config.file", "--web.listen-address", "--log.format" })
        {
            Assert.Contains(expected, result.Stdout, StringComparison.Ordinal);
        }
    }
}
