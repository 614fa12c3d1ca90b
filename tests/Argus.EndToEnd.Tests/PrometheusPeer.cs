using System.Diagnostics;
using System.Net;

namespace Argus.EndToEnd.Tests;

/// <summary>Runs the Debian <c>prometheus</c> and <c>promtool</c> binaries as real peers.</summary>
internal static class PrometheusPeer
{
    /// <summary>Starts <c>prometheus</c> in <paramref name="workingDirectory"/>; the caller kills it.</summary>
    public static Process StartServer(string workingDirectory, params string[] args)
    {
        var process = Process.Start(StartInfo("prometheus", workingDirectory, args))!;
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

    /// <summary>Polls <c>/-/ready</c> until it answers 200 (Prometheus answers 503 while it opens its TSDB).</summary>
    public static async Task WaitReadyAsync(string url, Action stillRunning)
    {
        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                if ((await http.GetAsync(new Uri("/-/ready", UriKind.Relative))).StatusCode == HttpStatusCode.OK)
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
