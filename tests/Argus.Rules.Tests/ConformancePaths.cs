using Xunit.Abstractions;

namespace Argus.Rules.Tests;

/// <summary>Finds the shared conformance data next to the repository (the folder holding <c>Argus.slnx</c>).</summary>
internal static class ConformancePaths
{
    public static string PrometheusConfig
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Argus.slnx")))
            {
                directory = directory.Parent;
            }
            if (directory is null)
            {
                throw new InvalidOperationException("Argus.slnx not found above " + AppContext.BaseDirectory);
            }
            return Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "conformance", "prometheus-config"));
        }
    }

    /// <summary>Prints the summary line and appends it to <c>$ARGUS_CONFORMANCE_SUMMARY</c> when set.</summary>
    public static void Report(ITestOutputHelper output, string line)
    {
        output.WriteLine(line);
        if (Environment.GetEnvironmentVariable("ARGUS_CONFORMANCE_SUMMARY") is { Length: > 0 } file)
        {
            File.AppendAllText(file, line + Environment.NewLine);
        }
    }
}
