using Argus.Web.Hosting;

namespace Argus.WebUi.Tests;

/// <summary>An in-process host's lifecycle for tests that never reload or stop it over HTTP.</summary>
internal sealed class NoLifecycle : IServerLifecycle
{
    public Task ReloadAsync(CancellationToken cancellationToken) =>
        Task.FromException(new NotSupportedException("this test host does not reload"));

    public void RequestShutdown(string reason)
    {
    }
}
