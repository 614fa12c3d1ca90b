using Argus.Alerting.Alerts;
using Argus.Alerting.Config;
using Argus.Model.Labels;
using Argus.Notify.Integrations.Templates;

namespace Argus.Notify.Tests;

/// <summary>Requests and configurations the integration tests share.</summary>
internal static class TestNotifications
{
    /// <summary>The moment every test notification is sent at.</summary>
    public static readonly DateTime Now = new(2026, 11, 22, 3, 0, 0, DateTimeKind.Utc);

    /// <summary>Alertmanager's <c>__text_alert_list</c> of the two test alerts (firing or resolved: the labels are the same).</summary>
    public const string AlertList =
        "Labels:\n - alertname = HighLatency\n - instance = 10.0.0.1:9100\n - job = api\n - severity = page\n" +
        "Annotations:\n - summary = High latency on 10.0.0.1:9100\nSource: http://prometheus.example/graph?g0.expr=latency%3E1\n" +
        "Labels:\n - alertname = HighLatency\n - instance = 10.0.0.2:9100\n - job = api\n - severity = page\n" +
        "Annotations:\n - summary = High latency on 10.0.0.2:9100\nSource: http://prometheus.example/graph?g0.expr=latency%3E1\n";

    public static readonly DateTime StartsAt = new(2026, 11, 22, 2, 48, 47, DateTimeKind.Utc);

    /// <summary>Two alerts of one group, the first firing, the second (when <paramref name="secondResolved"/>) resolved.</summary>
    public static NotificationRequest Request(bool secondResolved = false, string receiver = "team")
    {
        var firing = Alert("10.0.0.1:9100", StartsAt.AddMinutes(30));
        var second = Alert("10.0.0.2:9100", secondResolved ? StartsAt.AddMinutes(5) : StartsAt.AddMinutes(30));
        return new NotificationRequest
        {
            Receiver = receiver,
            GroupKey = "{}:{alertname=\"HighLatency\", job=\"api\"}",
            GroupLabels = LabelSet.FromPairs("alertname", "HighLatency", "job", "api"),
            Alerts = [firing, second],
            ExternalUrl = new Uri("http://am.example:9093/"),
            Templates = DefaultTemplates.Create([]),
            Now = Now,
        };
    }

    /// <summary>The two alerts of <see cref="Request"/>, both resolved.</summary>
    public static NotificationRequest ResolvedRequest()
    {
        var request = Request();
        return new NotificationRequest
        {
            Receiver = request.Receiver,
            GroupKey = request.GroupKey,
            GroupLabels = request.GroupLabels,
            Alerts = [Alert("10.0.0.1:9100", StartsAt.AddMinutes(5)), Alert("10.0.0.2:9100", StartsAt.AddMinutes(6))],
            ExternalUrl = request.ExternalUrl,
            Templates = request.Templates,
            Now = request.Now,
        };
    }

    public static Alert Alert(string instance, DateTime endsAt) => new(
        LabelSet.FromPairs("alertname", "HighLatency", "instance", instance, "job", "api", "severity", "page"),
        LabelSet.FromPairs("summary", "High latency on " + instance),
        StartsAt,
        endsAt,
        StartsAt,
        "http://prometheus.example/graph?g0.expr=latency%3E1",
        timeout: false);

    /// <summary>Loads one receiver named "team" from the YAML of its integrations (indented under the receiver).</summary>
    public static Receiver Receiver(string integrations, string global = "")
    {
        var yaml = "global:\n" + (global.Length == 0 ? "  resolve_timeout: 5m\n" : global) +
            "route:\n  receiver: team\nreceivers:\n- name: team\n" + integrations;
        return AlertmanagerConfigLoader.Load(yaml, "alertmanager.yml").FindReceiver("team")!;
    }

    public static async Task NotifyAsync(string integrations, NotificationRequest? request = null, string global = "", TimeProvider? time = null)
    {
        using var factory = new NotifierFactory(time);
        foreach (var notifier in factory.Create(Receiver(integrations, global)))
        {
            await notifier.NotifyAsync(request ?? Request(), CancellationToken.None);
        }
    }
}
