using Argus.Web.Hosting;

namespace Argus.Web.Tests;

/// <summary>Records lifecycle requests; reloads fail with <see cref="ReloadError"/> when it is set.</summary>
internal sealed class RecordingLifecycle : IServerLifecycle
{
    public int Reloads;
    public string? ShutdownReason;
    public string? ReloadError;

    public Task ReloadAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Reloads);
        return ReloadError is { } error ? Task.FromException(new InvalidOperationException(error)) : Task.CompletedTask;
    }

    public void RequestShutdown(string reason) => ShutdownReason = reason;
}
