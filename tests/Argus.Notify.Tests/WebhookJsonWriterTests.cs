using System.Text;
using Argus.Alerting.Alerts;
using Argus.Alerting.Matchers;
using Argus.Alerting.Routing;
using Argus.Alerting.Silences;
using Argus.Model.Labels;
using Argus.Notify.Integrations;
using Argus.Notify.Integrations.Webhook;
using Argus.Templates.Formatting;

namespace Argus.Notify.Tests;

/// <summary>
/// The dedicated webhook writer must produce exactly the bytes of the general path it replaced (the template data
/// marshalled by <see cref="GoJson"/>), which <see cref="WebhookNotifierTests"/> pins against Alertmanager's own body.
/// </summary>
public sealed class WebhookJsonWriterTests
{
    private static readonly DateTime Now = new(2026, 11, 22, 3, 0, 0, DateTimeKind.Utc);

    private static byte[] General(NotificationRequest request, IReadOnlyList<Alert> alerts, int truncated, string version) =>
        Encoding.UTF8.GetBytes(GoJson.Marshal(new WebhookMessage(TemplateExpander.CreateData(request, alerts), request.GroupKey, truncated, version)) + "\n");

    private static byte[] Dedicated(NotificationRequest request, IReadOnlyList<Alert> alerts, int truncated, string version)
    {
        using var json = WebhookJsonWriter.Write(request, alerts, truncated, version);
        return json.Written.ToArray();
    }

    private static void AssertSameBytes(NotificationRequest request, int keep = int.MaxValue, string version = "4")
    {
        var alerts = request.Alerts.Take(keep).ToList();
        var truncated = request.Alerts.Count - alerts.Count;
        var expected = General(request, alerts, truncated, version);
        var actual = Dedicated(request, alerts, truncated, version);
        Assert.Equal(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(actual));
        Assert.Equal(expected, actual);
    }

    private static Alert Alert(LabelSet labels, LabelSet annotations, DateTime startsAt, DateTime endsAt, string generator = "") =>
        new(labels, annotations, startsAt, endsAt, startsAt, generator, timeout: false);

    private static NotificationRequest Request(IReadOnlyList<Alert> alerts, string receiver = "team", string? ackUrl = null, SilenceNotice? silence = null,
        LabelSet? groupLabels = null, string externalUrl = "http://am.example:9093/") => new()
        {
            Receiver = receiver,
            GroupKey = "{}/{team=\"db\"}:{alertname=\"DiskFull\"}",
            GroupLabels = groupLabels ?? LabelSet.FromPairs("alertname", "DiskFull"),
            Alerts = alerts,
            ExternalUrl = new Uri(externalUrl),
            Templates = Integrations.Templates.DefaultTemplates.Create([]),
            Now = Now,
            AckUrl = ackUrl,
            Silence = silence,
        };

    [Fact]
    public void Firing_and_resolved_alerts_with_fractional_times_match_the_general_encoder()
    {
        var startsAt = new DateTime(2026, 11, 22, 2, 48, 47, DateTimeKind.Utc).AddTicks(1_234_567);
        AssertSameBytes(Request(
        [
            Alert(LabelSet.FromPairs("alertname", "DiskFull", "instance", "db-1:9100", "severity", "page"), LabelSet.FromPairs("summary", "disk 91% full"),
                startsAt, Now.AddMinutes(30), "http://prometheus.example/graph?g0.expr=disk%3E0.9&g0.tab=1"),
            Alert(LabelSet.FromPairs("alertname", "DiskFull", "instance", "db-2:9100", "severity", "page"), LabelSet.FromPairs("summary", "disk 95% full", "runbook", "https://runbooks/disk"),
                startsAt.AddMilliseconds(120), Now.AddTicks(-1_000)),
            Alert(LabelSet.FromPairs("alertname", "DiskFull", "instance", "db-3:9100"), LabelSet.Empty, startsAt.AddSeconds(3), Now.AddHours(-1).AddTicks(10)),
        ]));
    }

    [Fact]
    public void Strings_that_need_escaping_match_the_general_encoder()
    {
        var odd = "quote\" backslash\\ newline\n cr\r tab\t <b>&amp; \u2028\u2029 bell\u0007 nul\u0000 é 日本 😀 lone\ud800 end";
        AssertSameBytes(Request(
        [
            Alert(LabelSet.FromPairs("alertname", "DiskFull", "odd", odd, "z_last", "ü"), LabelSet.FromPairs("description", odd), Now.AddMinutes(-5), Now.AddMinutes(5), odd),
        ], receiver: "team.a+b (pager)|[x]", groupLabels: LabelSet.FromPairs("alertname", "DiskFull", "odd", odd), externalUrl: "https://am.example/prefix/"));
    }

    [Fact]
    public void Truncation_ack_links_and_empty_sets_match_the_general_encoder()
    {
        var alerts = Enumerable.Range(0, 5).Select(i => Alert(LabelSet.FromPairs("alertname", "DiskFull", "seq", i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            LabelSet.FromPairs("summary", "same"), Now.AddMinutes(-i), i % 2 == 0 ? Now.AddMinutes(1) : Now.AddMinutes(-1))).ToList();
        AssertSameBytes(Request(alerts, ackUrl: "https://am.example/api/v2/acknowledge?token=a<b>&c"), keep: 2);
        AssertSameBytes(Request(alerts, groupLabels: LabelSet.Empty), keep: 5, version: "1");
        AssertSameBytes(Request([]));
        AssertSameBytes(Request(alerts, ackUrl: string.Empty));
    }

    [Fact]
    public void A_silence_notice_matches_the_general_encoder()
    {
        var alert = Alert(LabelSet.FromPairs("alertname", "DiskFull"), LabelSet.Empty, Now.AddMinutes(-5), Now.AddMinutes(5));
        var notice = new SilenceNotice
        {
            Receiver = "team",
            Kind = SilenceEventKind.Expiring,
            Silence = new Silence
            {
                Id = "s-1",
                Matchers = MatcherParser.Parse("alertname=\"DiskFull\""),
                StartsAt = Now.AddHours(-1),
                EndsAt = Now.AddMinutes(30).AddTicks(5),
                CreatedBy = "alice <a@example>",
                Comment = "maintenance & backups",
            },
            Alerts = [alert],
            Labels = LabelSet.FromPairs("alertname", "DiskFull"),
            At = Now,
        };
        AssertSameBytes(Request([alert], silence: notice));
    }
}
