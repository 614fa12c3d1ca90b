using System.Reflection;
using System.Runtime.InteropServices;
using Argus.Instrumentation.Metrics;

namespace Argus.Instrumentation.Collectors;

/// <summary>
/// What build of Argus is running: version, source revision and branch (stamped into the program's
/// assembly as <c>AssemblyMetadata("Revision"/"Branch")</c> at build time) and the .NET runtime version.
/// </summary>
public sealed record BuildInfo(string Version, string Revision, string Branch, string DotnetVersion)
{
    public const string Unknown = "unknown";

    /// <summary>Reads the build stamp of <paramref name="assembly"/>; missing parts are "unknown".</summary>
    public static BuildInfo FromAssembly(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        // The SDK appends "+<commit>" to the informational version; the version is what precedes it.
        var plus = informational?.IndexOf('+', StringComparison.Ordinal) ?? -1;
        var version = informational is null ? assembly.GetName().Version?.ToString() ?? Unknown
            : plus >= 0 ? informational[..plus] : informational;
        var metadata = assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Where(static a => !string.IsNullOrWhiteSpace(a.Value))
            .GroupBy(static a => a.Key, StringComparer.Ordinal)
            .ToDictionary(static g => g.Key, static g => g.Last().Value!, StringComparer.Ordinal);
        var revision = metadata.GetValueOrDefault("Revision")
            ?? (plus >= 0 ? informational![(plus + 1)..] : Unknown);
        var branch = metadata.GetValueOrDefault("Branch") ?? Unknown;
        return new BuildInfo(version, revision, branch, Environment.Version.ToString());
    }

    /// <summary>Operating system and architecture in Go's form, e.g. <c>linux/amd64</c>.</summary>
    public static string Platform
    {
        get
        {
            var os = OperatingSystem.IsLinux() ? "linux" : OperatingSystem.IsMacOS() ? "darwin" : OperatingSystem.IsWindows() ? "windows" : "unknown";
            var arch = RuntimeInformation.ProcessArchitecture switch
            {
                Architecture.X64 => "amd64",
                Architecture.Arm64 => "arm64",
                Architecture.X86 => "386",
                Architecture.Arm => "arm",
                var other => other.ToString().ToLowerInvariant(),
            };
            return os + "/" + arch;
        }
    }

    /// <summary>Publishes <c>&lt;prefix&gt;_build_info{branch,dotnetversion,revision,version} 1</c>.</summary>
    public void Register(MetricsRegistry registry, string prefix = "argus")
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.GaugeFamily(prefix + "_build_info",
                "Always 1; the labels identify the running build of Argus and its .NET runtime.",
                "branch", "dotnetversion", "revision", "version")
            .WithLabels(Branch, DotnetVersion, Revision, Version)
            .Set(1);
    }
}
