using System.Globalization;
using Argus.Config;
using Argus.Config.Yaml;
using Argus.Model.Labels;
using YamlDotNet.RepresentationModel;

namespace Argus.Rules.UnitTesting;

/// <summary>
/// Reads a <c>promtool test rules</c> file strictly (unknown fields are errors, as promtool's strict
/// YAML decoding makes them). Series and label texts are kept as written and parsed when a group runs.
/// </summary>
public static class RuleTestFileParser
{
    /// <summary>Parses <paramref name="text"/>, naming <paramref name="path"/> in errors.</summary>
    /// <exception cref="ConfigException">The file is not a valid test file; the message names line and column.</exception>
    public static RuleTestFile Parse(string text, string path)
    {
        var source = YamlSource.Parse(text, path);
        if (source.Root is null || YamlSource.IsNull(source.Root))
        {
            return new RuleTestFile { Path = path };
        }
        var map = source.Map(source.Root, "main.unitTestFile");
        var file = new RuleTestFile
        {
            Path = path,
            RuleFiles = map.StringList("rule_files") ?? [],
            EvaluationInterval = map.Duration("evaluation_interval", TimeSpan.FromMinutes(1)),
            GroupEvalOrder = map.StringList("group_eval_order") ?? [],
            FuzzyCompare = map.Bool("fuzzy_compare", false),
            Tests = map.List("tests", "[]main.testGroup", node => ReadGroup(source, node)),
        };
        map.EnsureAllRead();
        return file;
    }

    private static RuleTestGroup ReadGroup(YamlSource source, YamlNode node)
    {
        if (YamlSource.IsNull(node))
        {
            return new RuleTestGroup();
        }
        var map = source.Map(node, "main.testGroup");
        var group = new RuleTestGroup
        {
            Interval = map.Duration("interval"),
            InputSeries = map.List("input_series", "[]main.series", n => ReadSeries(source, n)),
            AlertTests = map.List("alert_rule_test", "[]main.alertTestCase", n => ReadAlertTest(source, n)),
            PromqlTests = map.List("promql_expr_test", "[]main.promqlTestCase", n => ReadPromqlTest(source, n)),
            ExternalLabels = map.StringMap("external_labels") is { } labels ? LabelSet.From(labels.Select(l => new Label(l.Key, l.Value))) : LabelSet.Empty,
            ExternalUrl = map.String("external_url", string.Empty),
            Name = map.String("name", string.Empty),
            StartTime = map.Take("start_timestamp") is { } start ? StartTime(source, start) : DateTimeOffset.UnixEpoch,
        };
        map.EnsureAllRead();
        return group;
    }

    private static InputSeries ReadSeries(YamlSource source, YamlNode node)
    {
        var map = source.Map(node, "main.series");
        var series = new InputSeries(map.String("series", string.Empty), map.String("values", string.Empty));
        map.EnsureAllRead();
        return series;
    }

    private static AlertTestCase ReadAlertTest(YamlSource source, YamlNode node)
    {
        var map = source.Map(node, "main.alertTestCase");
        var test = new AlertTestCase(
            map.Duration("eval_time", TimeSpan.Zero),
            map.String("alertname", string.Empty),
            map.List("exp_alerts", "[]main.alert", n => ReadAlert(source, n)));
        map.EnsureAllRead();
        return test;
    }

    private static ExpectedAlert ReadAlert(YamlSource source, YamlNode node)
    {
        if (YamlSource.IsNull(node))
        {
            return new ExpectedAlert([], []);
        }
        var map = source.Map(node, "main.alert");
        var alert = new ExpectedAlert(map.StringMap("exp_labels") ?? [], map.StringMap("exp_annotations") ?? []);
        map.EnsureAllRead();
        return alert;
    }

    private static PromqlTestCase ReadPromqlTest(YamlSource source, YamlNode node)
    {
        var map = source.Map(node, "main.promqlTestCase");
        var test = new PromqlTestCase(
            map.String("expr", string.Empty),
            map.Duration("eval_time", TimeSpan.Zero),
            map.List("exp_samples", "[]main.sample", n => ReadSample(source, n)));
        map.EnsureAllRead();
        return test;
    }

    private static ExpectedSample ReadSample(YamlSource source, YamlNode node)
    {
        var map = source.Map(node, "main.sample");
        var sample = new ExpectedSample(map.String("labels", string.Empty), map.Double("value") ?? 0, map.String("histogram", string.Empty));
        map.EnsureAllRead();
        return sample;
    }

    /// <summary><c>start_timestamp</c>: Unix seconds or an RFC 3339 time.</summary>
    private static DateTimeOffset StartTime(YamlSource source, YamlNode node)
    {
        var text = source.String(node);
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return DateTimeOffset.UnixEpoch.AddMilliseconds(Math.Round(seconds * 1000));
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return time;
        }
        throw source.Error(node, $"start_timestamp: \"{text}\" is neither Unix seconds nor an RFC 3339 time");
    }
}
