using System.Reflection;
using System.Runtime.InteropServices;

namespace Argus.Web.Api.V1;

/// <summary>The facts shown by <c>/api/v1/status/buildinfo</c>. <c>goVersion</c> carries the .NET runtime
/// version, since that is what the field means to its readers: the toolchain the server runs on.</summary>
public sealed record BuildStatus
{
    public string Version { get; init; } = typeof(BuildStatus).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    public string Revision { get; init; } = string.Empty;

    public string Branch { get; init; } = string.Empty;

    public string BuildUser { get; init; } = string.Empty;

    public string BuildDate { get; init; } = string.Empty;

    public string RuntimeVersion { get; init; } = RuntimeInformation.FrameworkDescription;
}
