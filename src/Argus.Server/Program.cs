using Argus.Server.Cli;

namespace Argus.Server;

internal static class Program
{
    private static Task<int> Main(string[] args) => ArgusCommandLine.RunAsync(args);
}
