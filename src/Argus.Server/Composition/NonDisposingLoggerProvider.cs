using Microsoft.Extensions.Logging;

namespace Argus.Server.Composition;

/// <summary>Lends the program's logger provider to a <see cref="LoggerFactory"/> for libraries that take
/// an <see cref="ILoggerFactory"/>, without letting that factory dispose the provider it does not own.</summary>
internal sealed class NonDisposingLoggerProvider(ILoggerProvider inner) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => inner.CreateLogger(categoryName);

    public void Dispose()
    {
    }
}
