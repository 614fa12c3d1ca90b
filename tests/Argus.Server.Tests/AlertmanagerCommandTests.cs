using Argus.Instrumentation.Collectors;
using Argus.Server.Cli;

namespace Argus.Server.Tests;

public sealed class AlertmanagerCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("argus-am-cli-").FullName;
    private readonly StringWriter _out = new();
    private readonly StringWriter _err = new();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private Task<int> RunAsync(params string[] args) =>
        new ArgusCommandLine(_out, _err, new BuildInfo("9.9.9", "abcdef", "main", "10.0.0")).InvokeAsync(args);

    [Fact]
    public async Task Help_lists_alertmanagers_flags_with_their_defaults()
    {
        Assert.Equal(0, await RunAsync("alertmanager", "--help"));
        var help = _out.ToString();
        foreach (var flag in new[] { "--config.file", "--storage.path", "--data.retention", "--history.retention", "--history.retention.size", "--web.listen-address", "--web.external-url", "--web.route-prefix", "--log.level", "--log.format" })
        {
            Assert.Contains(flag, help, StringComparison.Ordinal);
        }
        Assert.Contains("alertmanager.yml", help, StringComparison.Ordinal);
        Assert.Contains(":9093", help, StringComparison.Ordinal);
        Assert.Contains("120h", help, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_flag_value_names_the_flag_and_exits_2()
    {
        Assert.Equal(2, await RunAsync("alertmanager", "--data.retention=soon"));
        Assert.Contains("invalid value \"soon\" for flag --data.retention", _err.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--history.retention=forever", "invalid value \"forever\" for flag --history.retention")]
    [InlineData("--history.retention=0s", "invalid value \"0s\" for flag --history.retention: must be positive")]
    [InlineData("--history.retention.size=lots", "invalid value \"lots\" for flag --history.retention.size")]
    [InlineData("--history.retention.size=0", "invalid value \"0\" for flag --history.retention.size: must be positive")]
    public async Task A_bad_history_bound_names_its_flag_and_exits_2(string flag, string message)
    {
        Assert.Equal(2, await RunAsync("alertmanager", flag));
        Assert.Contains(message, _err.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_configuration_file_fails_startup_with_its_place_and_exits_1()
    {
        var config = Path.Combine(_dir, "am.yml");
        await File.WriteAllTextAsync(config, "route: {receiver: nobody}\nreceivers: [{name: r}]\n");
        Assert.Equal(1, await RunAsync("alertmanager", "--config.file=" + config, "--storage.path=" + Path.Combine(_dir, "data"), "--web.listen-address=127.0.0.1:0", "--cluster.peer=peer:9094"));
        var log = _err.ToString();
        Assert.Contains("am.yml", log, StringComparison.Ordinal);
        Assert.Contains("nobody", log, StringComparison.Ordinal);
        Assert.Contains("Ignoring --cluster.peer", log, StringComparison.Ordinal);
    }
}
