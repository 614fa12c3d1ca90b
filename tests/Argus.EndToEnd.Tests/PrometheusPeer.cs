using System.Diagnostics;
using System.Net;

namespace Argus.EndToEnd.Tests;

/// <summary>Runs the Debian <c>prometheus</c> and <c>promtool</c> binaries, and the exporters of the Prometheus
/// project (<c>prometheus-node-exporter</c>, <c>prometheus-pushgateway</c>), as real peers.</summary>
internal static class PrometheusPeer
{
    /// <summary>Starts <c>prometheus</c> in <paramref name="workingDirectory"/>; the caller kills it.</summary>
    public static Process StartServer(string workingDirectory, params string[] args) => StartProgram("prometheus", workingDirectory, args);

    /// <summary>Starts <paramref name="program"/> (from PATH) in <paramref name="workingDirectory"/>; the caller kills it.</summary>
    public static Process StartProgram(string program, string workingDirectory, params string[] args)
    {
        var process = Process.Start(StartInfo(program, workingDirectory, args))!;
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return process;
    }

    /// <summary>Starts <c>prometheus</c> with the directory's <c>prometheus.yml</c>, its data in <c>prom-data</c>,
    /// listening on 127.0.0.1:<paramref name="port"/>; the caller kills it.</summary>
    public static Process StartWithConfig(string directory, int port, params string[] extraArgs) =>
        StartServer(directory, ["--config.file=prometheus.yml", "--storage.tsdb.path=prom-data", $"--web.listen-address=127.0.0.1:{port}", .. extraArgs]);

    /// <summary>Runs <c>promtool</c> to completion and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> PromtoolAsync(string workingDirectory, params string[] args)
    {
        using var process = Process.Start(StartInfo("promtool", workingDirectory, args))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Feeds <paramref name="exposition"/> to <c>promtool check metrics</c>; exit 0 is clean, 3 means lint
    /// findings only (printed in the output), anything else a parse error.</summary>
    public static async Task<(int ExitCode, string Output)> PromtoolCheckMetricsAsync(string exposition)
    {
        var info = new ProcessStartInfo("promtool", "check metrics")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(exposition);
        process.StandardInput.Close();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>Polls <paramref name="path"/> (by default <c>/-/ready</c>) until it answers 200 (Prometheus answers
    /// 503 while it opens its TSDB; node_exporter has no readiness endpoint, so it is polled on <c>/metrics</c>).</summary>
    public static async Task WaitReadyAsync(string url, Action stillRunning, string path = "/-/ready")
    {
        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                if ((await http.GetAsync(new Uri(path, UriKind.Relative))).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Still starting.
            }
            stillRunning();
            Assert.True(DateTime.UtcNow < deadline, $"{url} never became ready");
            await Task.Delay(200);
        }
    }

    private static ProcessStartInfo StartInfo(string program, string workingDirectory, string[] args)
    {
        var info = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        return info;
    }
}
