using Argus.Alerting.Config;
using Argus.Alerting.Matchers;
using Argus.Model.Labels;
using Xunit.Abstractions;

namespace Argus.Alerting.Tests.Conformance;

/// <summary>Label set → receivers cases recorded from Alertmanager (upstream tests and amtool).</summary>
public sealed class AlertmanagerRoutingConformanceTests(ITestOutputHelper output)
{
    [Fact]
    public void Every_case_routes_to_the_recorded_receivers_in_order()
    {
        var dir = ConformanceData.AlertmanagerDirectory;
        var configs = new Dictionary<string, AlertmanagerConfig>(StringComparer.Ordinal);
        var passed = 0;
        var failures = new List<string>();
        foreach (var line in File.ReadLines(Path.Combine(dir, "routing-cases.tsv")))
        {
            if (line.StartsWith('#') || line.StartsWith("config_file\t", StringComparison.Ordinal) || line.Length == 0)
            {
                continue;
            }
            var columns = line.Split('\t');
            try
            {
                if (!configs.TryGetValue(columns[0], out var config))
                {
                    config = AlertmanagerConfigLoader.LoadFile(Path.Combine(dir, columns[0]));
                    configs[columns[0]] = config;
                }
                var labels = ParseLabels(columns[1]);
                var got = string.Join(",", config.Route.Match(labels).Select(r => r.Receiver));
                if (got == columns[2])
                {
                    passed++;
                }
                else
                {
                    failures.Add($"{columns[0]} {columns[1]}: expected {columns[2]}, got {got}");
                }
            }
            catch (Exception e) when (e is Argus.Config.ConfigException or MatcherParseException)
            {
                failures.Add($"{columns[0]} {columns[1]}: {e.Message}");
            }
        }
        foreach (var f in failures)
        {
            output.WriteLine("FAIL " + f);
        }
        ConformanceData.Report(output, $"alertmanager-routing: {passed} passed, {failures.Count} failed");
        Assert.True(passed > 0, "no routing cases found");
        Assert.Empty(failures);
    }

    private static LabelSet ParseLabels(string text)
    {
        var builder = new LabelSetBuilder();
        foreach (var m in MatcherParser.ParseUtf8(text))
        {
            builder.Set(m.Name, m.Value);
        }
        return builder.Build();
    }
}
