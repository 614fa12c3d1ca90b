using System.Runtime.InteropServices;
using Argus.Instrumentation.Exposition;
using Argus.Model.Labels;

namespace Argus.Scrape.Host;

/// <summary>node_exporter's "uname" collector, read from <c>/proc/sys/kernel</c>.</summary>
internal sealed class UnameCollector : IHostMetricSource
{
    public string Name => "uname";

    public void Collect(ExpositionWriter writer, HostPaths paths)
    {
        string Kernel(string name) => File.ReadAllText(paths.ProcFile("sys", "kernel", name)).Trim();
        var machine = RuntimeInformation.OSArchitecture switch
        {
            Architecture.X64 => "x86_64",
            Architecture.Arm64 => "aarch64",
            Architecture.X86 => "i686",
            Architecture.Arm => "armv7l",
            var other => other.ToString().ToLowerInvariant(),
        };
        writer.WriteFamilyHeader("node_uname_info", "Labeled system information as provided by the uname system call.", MetricType.Gauge);
        writer.WriteSample("node_uname_info",
        [
            new Label("domainname", Kernel("domainname")),
            new Label("machine", machine),
            new Label("nodename", Kernel("hostname")),
            new Label("release", Kernel("osrelease")),
            new Label("sysname", Kernel("ostype")),
            new Label("version", Kernel("version")),
        ], 1);
    }
}
