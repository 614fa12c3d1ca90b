namespace Argus.Server;

/// <summary>Entry point of the command line: parses arguments and dispatches to a subcommand.</summary>
internal static class ArgusCommandLine
{
    public static int Run(string[] args)
    {
        _ = args;
        return 0;
    }
}
