using Argus.Alerting.Alerts;
using Argus.Model.Labels;
using Argus.Notify.Integrations;
using Argus.Notify.Integrations.Templates;
using Argus.Templates.Alertmanager;

namespace Argus.Notify.Tests;

/// <summary>
/// Every template name Alertmanager's <c>default.tmpl</c> defines is also defined by Argus's independently written
/// <c>argus-default.tmpl</c> and renders the same text, for firing, resolved and mixed groups, with and without
/// common annotations, so a configuration written against Alertmanager's defaults sends the same words.
/// </summary>
public sealed class AlertmanagerTemplateParityTests
{
    private static readonly AlertmanagerTemplates Upstream = AlertmanagerTemplates.Create(
        [("default.tmpl", File.ReadAllText(Path.Combine(ConformancePaths.Root, "alertmanager", "spec", "default.tmpl")))]);

    private static readonly AlertmanagerTemplates Argus = DefaultTemplates.Create([]);

    public static TheoryData<string> SharedNames()
    {
        var argus = Argus.TemplateNames.ToHashSet(StringComparer.Ordinal);
        var data = new TheoryData<string>();
        foreach (var name in Upstream.TemplateNames.Where(n => n != "default.tmpl").Order(StringComparer.Ordinal))
        {
            data.Add(name);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(SharedNames))]
    public void Argus_renders_each_alertmanager_template_as_alertmanager_does(string name)
    {
        Assert.Contains(name, Argus.TemplateNames);
        foreach (var (label, request) in Variants())
        {
            var data = TemplateExpander.CreateData(request, request.Alerts);
            object argument = name.StartsWith("__text_alert_list", StringComparison.Ordinal) || name == "pagerduty.default.instances" ? data.Alerts : data;
            var expected = Upstream.ExecuteTemplate(name, argument);
            var actual = Argus.ExecuteTemplate(name, argument);
            Assert.True(expected == actual, $"{name} ({label}):\nexpected {System.Text.Json.JsonSerializer.Serialize(expected)}\nactual   {System.Text.Json.JsonSerializer.Serialize(actual)}");
        }
    }

    private static IEnumerable<(string Label, NotificationRequest Request)> Variants()
    {
        yield return ("two firing", TestNotifications.Request());
        yield return ("firing and resolved", TestNotifications.Request(secondResolved: true));
        var resolved = TestNotifications.Request();
        yield return ("all resolved", With(resolved, [.. resolved.Alerts.Select(a => Resolve(a))]));
        var shared = TestNotifications.Request(secondResolved: true);
        yield return ("common annotations, critical", With(shared, [.. shared.Alerts.Select(a => Annotate(a, "critical"))], groupLabels: LabelSet.FromPairs("alertname", "HighLatency")));
        yield return ("one warning, receiver with metacharacters", With(shared, [Annotate(shared.Alerts[0], "warning")], receiver: "team (a+b)"));
    }

    private static NotificationRequest With(NotificationRequest request, IReadOnlyList<Alert> alerts, LabelSet? groupLabels = null, string? receiver = null) => new()
    {
        Receiver = receiver ?? request.Receiver,
        GroupKey = request.GroupKey,
        GroupLabels = groupLabels ?? request.GroupLabels,
        Alerts = alerts,
        ExternalUrl = request.ExternalUrl,
        Templates = request.Templates,
        Now = request.Now,
    };

    private static Alert Resolve(Alert a) => new(a.Labels, a.Annotations, a.StartsAt, TestNotifications.Now.AddMinutes(-1), a.UpdatedAt, a.GeneratorUrl, timeout: false);

    private static Alert Annotate(Alert a, string severity) => new(
        LabelSet.FromPairs("alertname", a.Labels.Get("alertname"), "instance", a.Labels.Get("instance"), "job", "api", "severity", severity),
        LabelSet.FromPairs("description", "Latency is over 1s", "summary", "API latency"), a.StartsAt, a.EndsAt, a.UpdatedAt, a.GeneratorUrl, timeout: false);
}
