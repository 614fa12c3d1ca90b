using Argus.Server.Config;
using Microsoft.Extensions.Logging;

namespace Argus.Server.Composition;

/// <summary>
/// Makes sure the data directory (<c>--storage.tsdb.path</c>) exists and is writable before any
/// stage that stores data starts, so a wrong path fails fast with a clear message.
/// </summary>
internal sealed class DataDirectoryComponent(string path, ILogger logger) : IServerComponent
{
    public string Name => "data directory";

    public Task StartAsync(LoadedConfig config, CancellationToken cancellationToken)
    {
        var fullPath = Path.GetFullPath(path);
        try
        {
            Directory.CreateDirectory(fullPath);
            var probe = Path.Combine(fullPath, $".argus-write-check-{Environment.ProcessId}");
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"data directory {fullPath} is not usable: {ex.Message}", ex);
        }
        logger.LogInformation("Using data directory {path}", fullPath);
        return Task.CompletedTask;
    }

    public Task ApplyConfigAsync(LoadedConfig config, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
