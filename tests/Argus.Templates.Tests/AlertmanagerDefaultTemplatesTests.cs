using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Argus.Templates.Alertmanager;
using Xunit.Abstractions;

namespace Argus.Templates.Tests;

/// <summary>
/// Renders Alertmanager's default notification templates (<c>spec/default.tmpl</c>) with the data of
/// webhook bodies recorded from Alertmanager 0.25 and compares the texts Alertmanager produces.
/// </summary>
public sealed class AlertmanagerDefaultTemplatesTests(ITestOutputHelper output)
{
    private static readonly string AlertmanagerDir = Path.Combine(ConformancePaths.Root, "alertmanager");

    private static AlertmanagerTemplates LoadDefaults() =>
        AlertmanagerTemplates.Create([("default.tmpl", File.ReadAllText(Path.Combine(AlertmanagerDir, "spec", "default.tmpl")))]);

    /// <summary>Reads a recorded webhook body back into the template data it was rendered from.</summary>
    internal static NotificationData LoadWebhook(string file)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(AlertmanagerDir, "samples-am-0.25", file)));
        var root = doc.RootElement;
        static KV Kv(JsonElement e) => new(e.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value.GetString()!)));
        static DateTimeOffset Time(JsonElement e) => DateTimeOffset.Parse(e.GetString()!, CultureInfo.InvariantCulture);
        var alerts = root.GetProperty("alerts").EnumerateArray().Select(a => new NotificationAlert
        {
            Status = a.GetProperty("status").GetString()!,
            Labels = Kv(a.GetProperty("labels")),
            Annotations = Kv(a.GetProperty("annotations")),
            StartsAt = Time(a.GetProperty("startsAt")),
            EndsAt = Time(a.GetProperty("endsAt")),
            GeneratorURL = a.GetProperty("generatorURL").GetString()!,
            Fingerprint = a.GetProperty("fingerprint").GetString()!,
        }).ToList();
        return NotificationData.Create(
            root.GetProperty("receiver").GetString()!,
            Kv(root.GetProperty("groupLabels")),
            alerts,
            root.GetProperty("externalURL").GetString()!);
    }

    private const string FiringList =
        "Labels:\n - alertname = HighLatency\n - instance = 10.0.0.1:9100\n - job = api\n - severity = page\n" +
        "Annotations:\n - summary = High latency on 10.0.0.1:9100\nSource: http://prometheus.example/graph?g0.expr=latency%3E1\n" +
        "Labels:\n - alertname = HighLatency\n - instance = 10.0.0.2:9100\n - job = api\n - severity = page\n" +
        "Annotations:\n - summary = High latency on 10.0.0.2:9100\nSource: \n";

    private const string ResolvedList =
        "Labels:\n - alertname = HighLatency\n - instance = 10.0.0.1:9100\n - job = api\n - severity = page\n" +
        "Annotations:\n - summary = High latency on 10.0.0.1:9100\nSource: \n";

    private static readonly (string Sample, string Template, string Expected)[] Expectations =
    [
        ("webhook-firing.json", "__subject", "[FIRING:2] HighLatency api (page)"),
        ("webhook-firing.json", "slack.default.title", "[FIRING:2] HighLatency api (page)"),
        ("webhook-firing.json", "slack.default.titlelink", "http://127.0.0.1:19093/#/alerts?receiver=hook"),
        ("webhook-firing.json", "slack.default.fallback", "[FIRING:2] HighLatency api (page) | http://127.0.0.1:19093/#/alerts?receiver=hook"),
        ("webhook-firing.json", "slack.default.color", "danger"),
        ("webhook-firing.json", "slack.default.username", "Alertmanager"),
        ("webhook-firing.json", "pagerduty.default.instances", FiringList),
        ("webhook-firing.json", "opsgenie.default.description", "\nAlerts Firing:\n" + FiringList + "\n"),
        ("webhook-firing.json", "pushover.default.message", "\n\nAlerts Firing:\n" + FiringList + "\n\n\n"),
        ("webhook-firing.json", "jira.default.priority", string.Empty),
        ("webhook-resolved.json", "__subject", "[RESOLVED] HighLatency api (10.0.0.1:9100 page)"),
        ("webhook-resolved.json", "mattermost.default.color", "good"),
        ("webhook-resolved.json", "opsgenie.default.description", "High latency on 10.0.0.1:9100\n\nAlerts Resolved:\n" + ResolvedList),
        ("webhook-resolved.json", "wechat.default.message",
            "[RESOLVED] HighLatency api (10.0.0.1:9100 page)\nHigh latency on 10.0.0.1:9100\n\nAlerts Resolved:\n" + ResolvedList +
            "\nAlertmanagerUrl:\nhttp://127.0.0.1:19093/#/alerts?receiver=hook"),
    ];

    /// <summary>Templates that Alertmanager invokes with a list of alerts (e.g. <c>.Alerts.Firing</c>) rather than the notification.</summary>
    private static bool TakesAlertList(string name) =>
        name.StartsWith("__text_alert_list", StringComparison.Ordinal) || name == "pagerduty.default.instances";

    [Fact]
    public void Default_templates_render_as_alertmanager_renders_them()
    {
        var templates = LoadDefaults();
        var passed = 0;
        var failures = new List<string>();
        foreach (var (sample, name, expected) in Expectations)
        {
            var sampleData = LoadWebhook(sample);
            var actual = templates.ExecuteTemplate(name, TakesAlertList(name) ? sampleData.Alerts.Firing() : sampleData);
            if (actual == expected)
            {
                passed++;
            }
            else
            {
                failures.Add($"{sample} {name}: expected {JsonSerializer.Serialize(expected)} got {JsonSerializer.Serialize(actual)}");
            }
        }
        // Every template of the file must execute on both samples without error; the alert-list
        // helpers take a list of alerts rather than the whole notification.
        foreach (var name in templates.TemplateNames.Where(n => n != "default.tmpl"))
        {
            foreach (var sample in new[] { "webhook-firing.json", "webhook-resolved.json" })
            {
                try
                {
                    var data = LoadWebhook(sample);
                    templates.ExecuteTemplate(name, TakesAlertList(name) ? data.Alerts : data);
                    passed++;
                }
                catch (TemplateExecutionException e)
                {
                    failures.Add($"{sample} {name}: {e.Message}");
                }
            }
        }
        foreach (var failure in failures)
        {
            output.WriteLine(failure);
        }
        ConformancePaths.ReportSummary(output, $"alertmanager-templates: {passed} passed, {failures.Count} failed");
        Assert.Empty(failures);
    }

    [Fact]
    public void Text_fields_expand_against_the_defined_templates_with_missing_keys_as_empty()
    {
        var templates = LoadDefaults();
        var data = LoadWebhook("webhook-firing.json");
        Assert.Equal("[FIRING:2] HighLatency api (page)", templates.ExecuteText("{{ template \"slack.default.title\" . }}", data));
        Assert.Equal("severity=page|", templates.ExecuteText("{{ range .Alerts.Firing }}{{ .Labels.Remove (stringSlice \"alertname\" \"instance\" \"job\") }}|{{ .Labels.nosuch }}{{ break }}{{ end }}", data));
        Assert.Equal(string.Empty, templates.ExecuteText(string.Empty, data));
        Assert.Equal("2026-11-22 02:48", templates.ExecuteText("{{ (index .Alerts 0).StartsAt.Format \"2006-01-02 15:04\" }}", data));
        Assert.Equal("02:48:47 UTC", templates.ExecuteText("{{ date \"15:04:05 MST\" (index .Alerts 0).StartsAt }}", data));
        Assert.Equal("alertname=HighLatency, job=api", templates.ExecuteText("{{ .GroupLabels }}", data));
    }

    [Fact]
    public void ToJson_of_an_alert_matches_the_webhook_body()
    {
        var templates = LoadDefaults();
        var data = LoadWebhook("webhook-firing.json");
        var body = JsonNode.Parse(File.ReadAllText(Path.Combine(AlertmanagerDir, "samples-am-0.25", "webhook-firing.json")))!;
        var expected = body["alerts"]![0]!.ToJsonString();
        Assert.Equal(expected, templates.ExecuteText("{{ toJson (index .Alerts 0) }}", data));
        Assert.Equal("{\"alertname\":\"HighLatency\",\"job\":\"api\"}", templates.ExecuteText("{{ .GroupLabels | toJson }}", data));
    }

    [Fact]
    public void ToJson_of_the_whole_data_has_alertmanagers_fields_only()
    {
        // Argus's additions (.AckURL, .EscalationStep, .Silence) are [JsonIgnore]d, so toJson shows Alertmanager's shape.
        var templates = LoadDefaults();
        var data = LoadWebhook("webhook-firing.json");
        var json = JsonNode.Parse(templates.ExecuteText("{{ toJson . }}", data))!.AsObject();
        Assert.Equal(["receiver", "status", "alerts", "groupLabels", "commonLabels", "commonAnnotations", "externalURL"], json.Select(p => p.Key));
    }

    public static TheoryData<string, string> FunctionCases => new()
    {
        { "{{ title \"hELLO wORLD\" }}", "Hello World" },
        { "{{ toUpper \"abc\" }} {{ toLower \"ABC\" }} [{{ trimSpace \"  x  \" }}]", "ABC abc [x]" },
        { "{{ stringSlice \"a\" \"b\" | join \",\" }}", "a,b" },
        { "{{ match \"^High\" \"HighLatency\" }} {{ reReplaceAll \"(.*):.*\" \"$1\" \"10.0.0.1:9100\" }}", "true 10.0.0.1" },
        { "{{ urlUnescape \"a%20b+c\" }} {{ safeUrl \"http://x\" }} {{ safeHtml \"<b>\" }}", "a b c http://x <b>" },
        { "{{ humanizeDuration 3661 }}", "1h 1m 1s" },
        { "{{ toJson \"<&>\" }} {{ toJson 1.5 }} {{ toJson 1e21 }}", "\"\\u003c\\u0026\\u003e\" 1.5 1e+21" },
    };

    [Theory]
    [MemberData(nameof(FunctionCases))]
    public void Functions_render_like_alertmanager(string text, string expected)
    {
        Assert.Equal(expected, LoadDefaults().ExecuteText(text, null));
    }
}
