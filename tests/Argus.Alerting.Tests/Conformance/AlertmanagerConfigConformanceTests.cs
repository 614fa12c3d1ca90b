using Argus.Alerting.Config;
using Argus.Config;
using Xunit.Abstractions;

namespace Argus.Alerting.Tests.Conformance;

/// <summary>Alertmanager's own good and bad configuration fixtures must be classified exactly as upstream does.</summary>
public sealed class AlertmanagerConfigConformanceTests(ITestOutputHelper output)
{
    [Fact]
    public void Every_fixture_is_accepted_or_rejected_as_upstream_does()
    {
        var dir = Path.Combine(ConformanceData.AlertmanagerDirectory, "config");
        var passed = 0;
        var failures = new List<string>();
        foreach (var line in File.ReadLines(Path.Combine(dir, "MANIFEST.tsv")))
        {
            if (line.StartsWith('#') || line.StartsWith("file\t", StringComparison.Ordinal) || line.Length == 0)
            {
                continue;
            }
            var columns = line.Split('\t');
            var file = columns[0];
            var expectAccept = columns[1] == "accept";
            string? error = null;
            try
            {
                AlertmanagerConfigLoader.LoadFile(Path.Combine(dir, file));
            }
            catch (ConfigException e)
            {
                error = e.Message;
            }
            if ((error is null) == expectAccept)
            {
                passed++;
                output.WriteLine($"ok   {file}{(error is null ? string.Empty : "  (" + error + ")")}");
            }
            else
            {
                failures.Add($"{file}: expected {columns[1]}, got {(error is null ? "accepted" : "rejected: " + error)}");
            }
        }
        foreach (var f in failures)
        {
            output.WriteLine("FAIL " + f);
        }
        ConformanceData.Report(output, $"alertmanager-config: {passed} passed, {failures.Count} failed");
        Assert.True(passed > 0, "no fixtures found");
        Assert.Empty(failures);
    }
}
