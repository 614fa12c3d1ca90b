using System.Diagnostics;

namespace Argus.EndToEnd.Tests;

/// <summary>Runs a short-lived command (<c>argus</c>, or a peer such as <c>amtool</c>) and collects its exit code and output.</summary>
internal static class CliProcess
{
    public static Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string workingDirectory, params string[] args)
    {
        var (file, prefix) = ArgusBinary.Command;
        return RunProgramAsync(file, workingDirectory, [.. prefix, .. args]);
    }

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunProgramAsync(string file, string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo(file)
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
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return (process.ExitCode, await stdout, await stderr);
    }
}
