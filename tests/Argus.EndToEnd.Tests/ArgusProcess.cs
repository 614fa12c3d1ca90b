using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace Argus.EndToEnd.Tests;

/// <summary>
/// One running <c>argus</c> child process listening on 127.0.0.1 with an OS-chosen port, its stderr
/// captured line by line. Disposing kills it if it is still running.
/// </summary>
internal sealed partial class ArgusProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly List<string> _stderr = [];
    private readonly TaskCompletionSource<int> _port = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ArgusProcess(Process process)
    {
        _process = process;
    }

    public HttpClient Http { get; private set; } = new();

    public int Id => _process.Id;

    public IReadOnlyList<string> StderrLines
    {
        get
        {
            lock (_stderr)
            {
                return [.. _stderr];
            }
        }
    }

    /// <summary>Starts <c>argus</c> with <paramref name="args"/> plus a loopback listen address and waits until /-/ready is 200.</summary>
    public static async Task<ArgusProcess> StartAsync(string workingDirectory, params string[] args)
    {
        var (file, prefix) = ArgusBinary.Command;
        var info = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        // A test may pin the port (to put it in a scrape config); otherwise the OS picks a free one.
        var listen = args.Any(a => a.StartsWith("--web.listen-address", StringComparison.Ordinal))
            ? []
            : new[] { "--web.listen-address=127.0.0.1:0" };
        foreach (var arg in prefix.Concat(args).Concat(listen))
        {
            info.ArgumentList.Add(arg);
        }
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var argus = new ArgusProcess(process);
        process.ErrorDataReceived += (_, e) => argus.OnStderr(e.Data);
        process.OutputDataReceived += (_, _) => { };
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();

        var port = await argus._port.Task.WaitAsync(TimeSpan.FromSeconds(20));
        argus.Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var ready = await argus.Http.GetAsync("/-/ready");
            if (ready.StatusCode == HttpStatusCode.OK)
            {
                return argus;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("argus did not become ready:\n" + string.Join("\n", argus.StderrLines));
            }
            await Task.Delay(50);
        }
    }

    /// <summary>Sends a POSIX signal (e.g. "HUP", "TERM") to the process.</summary>
    public void Signal(string name)
    {
        using var kill = Process.Start("kill", ["-" + name, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        await _process.WaitForExitAsync().WaitAsync(timeout);
        return _process.ExitCode;
    }

    /// <summary>Polls /metrics until <paramref name="condition"/> holds for the body.</summary>
    public async Task<string> WaitForMetricsAsync(Func<string, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var body = await Http.GetStringAsync("/metrics");
            if (condition(body) || DateTime.UtcNow > deadline)
            {
                return body;
            }
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private void OnStderr(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_stderr)
        {
            _stderr.Add(line);
        }
        var match = ListeningLine().Match(line);
        if (match.Success)
        {
            _port.TrySetResult(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [GeneratedRegex(@"Listening for HTTP connections on http://127\.0\.0\.1:(\d+)")]
    private static partial Regex ListeningLine();
}
