using Argus.Instrumentation.Collectors;

namespace Argus.Server.Cli;

/// <summary>The text of <c>argus version</c>, laid out like Prometheus' version output.</summary>
internal static class VersionText
{
    public static string Format(BuildInfo info) =>
        $"""
        argus, version {info.Version} (branch: {info.Branch}, revision: {info.Revision})
          dotnet version:   {info.DotnetVersion}
          platform:         {BuildInfo.Platform}

        """.ReplaceLineEndings("\n");
}
