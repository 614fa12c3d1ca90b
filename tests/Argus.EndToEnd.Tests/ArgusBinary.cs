namespace Argus.EndToEnd.Tests;

/// <summary>Finds the built <c>argus</c> program next to this test build (same configuration).</summary>
internal static class ArgusBinary
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The file to execute and the arguments that precede the user's: the apphost when it
    /// exists, else <c>dotnet argus.dll</c>.</summary>
    public static (string FileName, string[] PrefixArgs) Command { get; } = Locate();

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Argus.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"no Argus.slnx above {AppContext.BaseDirectory}");
    }

    private static (string, string[]) Locate()
    {
        // The test assembly lives in tests/Argus.EndToEnd.Tests/bin/<Configuration>/net10.0/.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var bin = Path.Combine(RepositoryRoot, "src", "Argus.Server", "bin", configuration, "net10.0");
        var apphost = Path.Combine(bin, OperatingSystem.IsWindows() ? "argus.exe" : "argus");
        if (File.Exists(apphost))
        {
            return (apphost, []);
        }
        var dll = Path.Combine(bin, "argus.dll");
        if (File.Exists(dll))
        {
            return ("dotnet", [dll]);
        }
        throw new FileNotFoundException($"the argus program is not built in {bin}");
    }
}
