namespace Argus.Server;

internal static class Program
{
    private static int Main(string[] args) => ArgusCommandLine.Run(args);
}
