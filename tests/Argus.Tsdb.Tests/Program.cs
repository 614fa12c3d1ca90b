namespace Argus.Tsdb.Tests;

/// <summary>
/// Entry point of the test assembly when it is run as a program: the crash tests start it as a child
/// process to kill it with SIGKILL. Under the test runner it is never called.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args is [CrashWriter.Command, var dir])
        {
            return CrashWriter.Run(dir);
        }
        Console.Error.WriteLine($"usage: Argus.Tsdb.Tests {CrashWriter.Command} DIR");
        return 2;
    }
}
