namespace Argus.Scrape.Host;

/// <summary>Where the host collector reads the kernel's files: the real <c>/proc</c> and <c>/sys</c>, or a
/// fixture tree in tests (and a host mount like <c>/host/proc</c> inside a container).</summary>
public sealed record HostPaths(string Proc = "/proc", string Sys = "/sys")
{
    public string ProcFile(params string[] parts) => Path.Combine([Proc, .. parts]);
}
