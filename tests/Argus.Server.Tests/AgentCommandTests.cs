using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using Argus.Instrumentation.Collectors;
using Argus.Server.Agent;
using Argus.Server.Cli;
using Argus.Web.Logging;
using Microsoft.Extensions.Logging;

namespace Argus.Server.Tests;

public sealed class AgentCommandTests : IDisposable
{
    private static readonly BuildInfo TestBuild = new("9.9.9", "abcdef", "main", "10.0.0");
    private readonly string _dir = Directory.CreateTempSubdirectory("argus-agent-cli-").FullName;
    private readonly StringWriter _out = new();
    private readonly StringWriter _err = new();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private Task<int> RunAsync(params string[] args) => new ArgusCommandLine(_out, _err, TestBuild).InvokeAsync(args);

    private static AgentFlagValues? Build(out List<string> errors, params string[] args)
    {
        var flags = new AgentFlags();
        var command = new RootCommand();
        flags.AddTo(command);
        var parsed = command.Parse(args);
        Assert.Empty(parsed.Errors);
        flags.TryBuild(parsed, out var values, out errors);
        return values;
    }

    [Fact]
    public async Task Help_lists_the_modes_and_node_exporters_flags_with_their_defaults()
    {
        Assert.Equal(0, await RunAsync("agent", "--help"));
        var help = _out.ToString();
        foreach (var text in new[] { "--host-collector", "--web.listen-address", ":9100", "--path.procfs", "/proc", "--path.sysfs", "/sys", "--log.level", "--log.format" })
        {
            Assert.Contains(text, help, StringComparison.Ordinal);
        }
        _out.GetStringBuilder().Clear();
        Assert.Equal(0, await RunAsync("--help"));
        Assert.Contains("agent", _out.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_mode_the_agent_names_the_modes_and_exits_2()
    {
        Assert.Equal(2, await RunAsync("agent"));
        Assert.Contains("argus agent: error: no mode chosen; choose at least one of: --host-collector (serve this host's metrics like node_exporter)",
            _err.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--web.listen-address=9100", "invalid value for flag --web.listen-address: address 9100: missing port in address")]
    [InlineData("--log.level=chatty", "invalid value \"chatty\" for flag --log.level")]
    [InlineData("--log.format=xml", "invalid value \"xml\" for flag --log.format")]
    public async Task A_bad_flag_names_itself_and_exits_2(string flag, string message)
    {
        Assert.Equal(2, await RunAsync("agent", "--host-collector", flag));
        Assert.Contains(message, _err.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_procfs_path_is_refused()
    {
        Assert.Null(Build(out var errors, "--host-collector", "--path.procfs", ""));
        Assert.Equal(["flag --path.procfs must name a directory"], errors);
    }

    [Fact]
    public async Task An_unknown_flag_is_a_usage_error()
    {
        Assert.Equal(2, await RunAsync("agent", "--host-collector", "--collector.cpu"));
        Assert.Contains("--collector.cpu", _err.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_are_node_exporters()
    {
        var values = Build(out var errors, "--host-collector");
        Assert.Empty(errors);
        Assert.Equal([AgentMode.HostCollector], values!.Modes);
        Assert.Equal(string.Empty, values.Web.ListenAddress.Host);
        Assert.Equal(9100, values.Web.ListenAddress.Port);
        Assert.False(values.Web.EnableLifecycle);
        Assert.Equal("/proc", values.HostPaths.Proc);
        Assert.Equal("/sys", values.HostPaths.Sys);
        Assert.Equal(LogLevel.Information, values.LogLevel);
        Assert.Equal(LogFormat.Logfmt, values.LogFormat);
    }

    [Fact]
    public async Task The_host_collector_serves_the_procfs_it_is_given_and_stops_on_request()
    {
        var proc = Path.Combine(_dir, "proc");
        Directory.CreateDirectory(proc);
        await File.WriteAllTextAsync(Path.Combine(proc, "loadavg"), "0.50 0.25 0.10 2/413 26840\n");
        await File.WriteAllTextAsync(Path.Combine(proc, "meminfo"), "MemTotal:       1000 kB\n");
        var port = FreePort();
        var values = Build(out var errors, "--host-collector", $"--web.listen-address=127.0.0.1:{port}", "--path.procfs=" + proc, "--path.sysfs=" + Path.Combine(_dir, "sys"));
        Assert.Empty(errors);
        using var logs = new ArgusLoggerProvider(LogLevel.Information, LogFormat.Logfmt, _err);
        var program = new AgentProgram(values!, logs, TestBuild);
        var run = program.RunAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
        await WaitReadyAsync(http, run);

        var metrics = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Contains("\nnode_load1 0.5\n", metrics, StringComparison.Ordinal);
        Assert.Contains("\nnode_memory_MemTotal_bytes 1.024e+06\n", metrics, StringComparison.Ordinal);
        Assert.Contains("\nnode_scrape_collector_success{collector=\"loadavg\"} 1\n", metrics, StringComparison.Ordinal);
        // The fixture has no /proc/stat, so the cpu collector fails, says so and is logged as node_exporter logs it.
        Assert.Contains("\nnode_scrape_collector_success{collector=\"cpu\"} 0\n", metrics, StringComparison.Ordinal);
        Assert.Contains("msg=\"collector failed: name=cpu", _err.ToString(), StringComparison.Ordinal);
        Assert.Contains("\nprocess_cpu_seconds_total ", metrics, StringComparison.Ordinal);
        Assert.Contains("\nargus_build_info{", metrics, StringComparison.Ordinal);

        var hostOnly = await http.GetStringAsync(new Uri("/metrics/host", UriKind.Relative));
        Assert.Contains("\nnode_load1 0.5\n", hostOnly, StringComparison.Ordinal);
        Assert.DoesNotContain("process_cpu_seconds_total", hostOnly, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.PostAsync(new Uri("/-/reload", UriKind.Relative), null)).StatusCode);

        program.RequestShutdown("test is done");
        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("Shutting down: test is done", _err.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_port_in_use_fails_startup_with_exit_1()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var values = Build(out _, "--host-collector", $"--web.listen-address=127.0.0.1:{port}");
        using var logs = new ArgusLoggerProvider(LogLevel.Information, LogFormat.Logfmt, _err);
        Assert.Equal(1, await new AgentProgram(values!, logs, TestBuild).RunAsync().WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("Unable to start the web server on 127.0.0.1:" + port, _err.ToString(), StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task WaitReadyAsync(HttpClient http, Task<int> run)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            Assert.False(run.IsCompleted, "the agent stopped before it became ready");
            try
            {
                if ((await http.GetAsync(new Uri("/-/ready", UriKind.Relative))).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            Assert.True(DateTime.UtcNow < deadline, "the agent never became ready");
            await Task.Delay(50);
        }
    }
}
