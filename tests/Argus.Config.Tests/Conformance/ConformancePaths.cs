namespace Argus.Config.Tests.Conformance;

/// <summary>Finds the shared conformance data: <c>../shared/conformance</c> next to the repository root.</summary>
internal static class ConformancePaths
{
    public static string PrometheusConfig => Path.Combine(SharedConformance, "prometheus-config");

    private static string SharedConformance
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Argus.slnx")))
            {
                directory = directory.Parent;
            }
            if (directory?.Parent is null)
            {
                throw new InvalidOperationException("cannot find the repository root (the folder holding Argus.slnx)");
            }
            return Path.Combine(directory.Parent.FullName, "shared", "conformance");
        }
    }
}
