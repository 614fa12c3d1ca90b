using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace Argus.EndToEnd.Tests;

/// <summary>
/// Debian's real Alertmanager (<c>prometheus-alertmanager</c>) on a free 127.0.0.1 port, clustering off, with its
/// own storage directory and a configuration that routes everything to a receiver without integrations.
/// </summary>
internal sealed class AlertmanagerProcess : IDisposable
{
    private readonly Process _process;

    private AlertmanagerProcess(Process process, int port)
    {
        _process = process;
        Address = $"127.0.0.1:{port}";
        Http = new HttpClient { BaseAddress = new Uri($"http://{Address}"), Timeout = TimeSpan.FromSeconds(10) };
    }

    /// <summary><c>127.0.0.1:port</c>.</summary>
    public string Address { get; }

    public HttpClient Http { get; }

    public static async Task<AlertmanagerProcess> StartAsync(string directory)
    {
        var port = LoopbackPort.Free();
        await File.WriteAllTextAsync(Path.Combine(directory, "alertmanager.yml"), """
            route:
              receiver: nowhere
            receivers:
              - name: nowhere
            """);
        var info = new ProcessStartInfo("prometheus-alertmanager")
        {
            WorkingDirectory = directory,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            "--config.file=alertmanager.yml", "--storage.path=am-data", $"--web.listen-address=127.0.0.1:{port}", "--cluster.listen-address=",
        })
        {
            info.ArgumentList.Add(arg);
        }
        var process = Process.Start(info)!;
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var alertmanager = new AlertmanagerProcess(process, port);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            Assert.False(process.HasExited, "alertmanager exited early");
            try
            {
                if ((await alertmanager.Http.GetAsync("/-/ready")).StatusCode == HttpStatusCode.OK)
                {
                    return alertmanager;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            Assert.True(DateTime.UtcNow < deadline, "alertmanager did not become ready");
            await Task.Delay(50);
        }
    }

    /// <summary>Polls <c>GET /api/v2/alerts</c> until <paramref name="done"/> accepts the array it returns.</summary>
    public async Task<JsonElement> WaitForAlertsAsync(Func<JsonElement, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            Assert.False(_process.HasExited, "alertmanager exited early");
            var body = await Http.GetStringAsync("/api/v2/alerts");
            var alerts = JsonDocument.Parse(body).RootElement.Clone();
            if (done(alerts))
            {
                return alerts;
            }
            Assert.True(DateTime.UtcNow < deadline, $"alertmanager never showed the expected alerts; last answer: {body}");
            await Task.Delay(100);
        }
    }

    public void Dispose()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
        _process.Dispose();
    }
}
