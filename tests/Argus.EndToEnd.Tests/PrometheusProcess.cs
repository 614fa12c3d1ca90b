using System.Diagnostics;

namespace Argus.EndToEnd.Tests;

/// <summary>Starts Debian's real <c>prometheus</c> with <c>prometheus.yml</c> of a test directory on a loopback port.</summary>
internal static class PrometheusProcess
{
    public static Process Start(string directory, int port, params string[] extraArgs)
    {
        var info = new ProcessStartInfo("prometheus")
        {
            WorkingDirectory = directory,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--config.file=prometheus.yml", "--storage.tsdb.path=prom-data", $"--web.listen-address=127.0.0.1:{port}" }.Concat(extraArgs))
        {
            info.ArgumentList.Add(arg);
        }
        var process = Process.Start(info)!;
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return process;
    }
}
