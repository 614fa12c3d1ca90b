using Xunit.Abstractions;
namespace Argus.Alerting.Tests.Conformance;

/// <summary>Locates the shared conformance corpus and records summary lines.</summary>
internal static class ConformanceData
{
    /// <summary><c>../shared/conformance/alertmanager</c> next to the repository root (the folder holding Argus.slnx).</summary>
    public static string AlertmanagerDirectory
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Argus.slnx")))
            {
                dir = dir.Parent;
            }
            if (dir is null)
            {
                throw new InvalidOperationException("repository root (Argus.slnx) not found above " + AppContext.BaseDirectory);
            }
            return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "conformance", "alertmanager"));
        }
    }

    /// <summary>Prints <paramref name="line"/> and appends it to $ARGUS_CONFORMANCE_SUMMARY when set.</summary>
    public static void Report(ITestOutputHelper output, string line)
    {
        output.WriteLine(line);
        var file = Environment.GetEnvironmentVariable("ARGUS_CONFORMANCE_SUMMARY");
        if (!string.IsNullOrEmpty(file))
        {
            File.AppendAllText(file, line + Environment.NewLine);
        }
    }
}
