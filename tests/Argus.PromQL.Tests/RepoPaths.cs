namespace Argus.PromQL.Tests;

/// <summary>Locates the repository root (the folder with Argus.slnx) and the shared conformance data.</summary>
internal static class RepoPaths
{
    public static string Root
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Argus.slnx")))
            {
                dir = dir.Parent;
            }
            return dir?.FullName ?? throw new InvalidOperationException("Argus.slnx not found above " + AppContext.BaseDirectory);
        }
    }

    public static string PromqlConformance => Path.GetFullPath(Path.Combine(Root, "..", "shared", "conformance", "promql"));
}
