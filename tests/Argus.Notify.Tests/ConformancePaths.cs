namespace Argus.Notify.Tests;

/// <summary>Locates the shared conformance corpus next to the repository root.</summary>
internal static class ConformancePaths
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
            if (dir is null)
            {
                throw new InvalidOperationException("Argus.slnx not found above " + AppContext.BaseDirectory);
            }
            return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "conformance"));
        }
    }
}
