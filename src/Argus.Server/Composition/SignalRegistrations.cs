using System.Runtime.InteropServices;

namespace Argus.Server.Composition;

/// <summary>Owns a set of POSIX signal handlers and removes them all on dispose.</summary>
internal sealed class SignalRegistrations(IReadOnlyList<PosixSignalRegistration> registrations) : IDisposable
{
    public void Dispose()
    {
        foreach (var registration in registrations)
        {
            registration.Dispose();
        }
    }
}
