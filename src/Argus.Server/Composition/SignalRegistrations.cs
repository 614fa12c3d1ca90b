using System.Runtime.InteropServices;

namespace Argus.Server.Composition;

/// <summary>Owns a set of POSIX signal handlers and removes them all on dispose.</summary>
internal sealed class SignalRegistrations(IReadOnlyList<PosixSignalRegistration> registrations) : IDisposable
{
    /// <summary>The handlers every long-running command installs: SIGTERM and SIGINT ask for a graceful
    /// shutdown (instead of killing the process), and SIGHUP calls <paramref name="reload"/> when there is
    /// something to reload.</summary>
    public static SignalRegistrations ForLifecycle(Action<string> requestShutdown, Action? reload)
    {
        var handlers = new List<PosixSignalRegistration>
        {
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
            {
                context.Cancel = true;
                requestShutdown("received SIGTERM");
            }),
            PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
            {
                context.Cancel = true;
                requestShutdown("received SIGINT");
            }),
        };
        if (reload is not null && !OperatingSystem.IsWindows())
        {
            handlers.Add(PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
            {
                context.Cancel = true;
                reload();
            }));
        }
        return new SignalRegistrations(handlers);
    }

    public void Dispose()
    {
        foreach (var registration in registrations)
        {
            registration.Dispose();
        }
    }
}
