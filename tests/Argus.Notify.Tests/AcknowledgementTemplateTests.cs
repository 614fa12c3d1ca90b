using System.Text.Json.Nodes;
using Argus.Alerting.Matchers;
using Argus.Alerting.Routing;
using Argus.Alerting.Silences;
using Argus.Model.Labels;
using Argus.Notify.Integrations;

namespace Argus.Notify.Tests;

/// <summary>Argus's additions to the notification data (<c>.AckURL</c>, <c>.Silence</c>) in the default templates and
/// the webhook body; without them everything renders as before (checked against Alertmanager in DefaultTemplatesTests).</summary>
public sealed class AcknowledgementTemplateTests
{
    private const string AckUrl = "http://am.example:9093/api/v2/acknowledge?token=abc_DEF-123";

    private static NotificationRequest WithAck() => Request(ackUrl: AckUrl);

    private static NotificationRequest Request(string? ackUrl = null, SilenceNotice? silence = null)
    {
        var request = TestNotifications.Request();
        return new NotificationRequest
        {
            Receiver = request.Receiver,
            GroupKey = request.GroupKey,
            GroupLabels = request.GroupLabels,
            Alerts = request.Alerts,
            ExternalUrl = request.ExternalUrl,
            Templates = request.Templates,
            Now = request.Now,
            AckUrl = ackUrl,
            Silence = silence,
        };
    }

    private static string Render(string template, NotificationRequest request) =>
        request.Templates.ExecuteTemplate(template, new TemplateExpander(request, "test").Data);

    private static SilenceNotice Notice(SilenceEventKind kind) => new()
    {
        Receiver = "team",
        Kind = kind,
        Silence = new Silence
        {
            Id = "7d1b8c3e-0000-4000-8000-000000000001",
            Matchers = MatcherParser.Parse("alertname=\"HighLatency\",job=~\"api|web\""),
            StartsAt = TestNotifications.Now,
            EndsAt = TestNotifications.Now.AddHours(2),
            CreatedBy = "alice",
            Comment = "maintenance",
        },
        Alerts = TestNotifications.Request().Alerts,
        Labels = LabelSet.FromPairs("alertname", "HighLatency"),
        At = TestNotifications.Now,
    };

    [Theory]
    [InlineData("email.default.text", "Acknowledge: " + AckUrl + "\n")]
    [InlineData("email.default.html", "<a href=\"" + AckUrl + "\"")]
    [InlineData("dingtalk.default.message", " | [Acknowledge](" + AckUrl + ")")]
    [InlineData("feishu.default.message", "[Acknowledge](" + AckUrl + ")")]
    [InlineData("telegram.default.message", "Acknowledge: " + AckUrl)]
    [InlineData("discord.default.message", "Acknowledge: " + AckUrl)]
    [InlineData("slack.default.text", "<" + AckUrl + "|Acknowledge>")]
    [InlineData("wechat.default.message", "Acknowledge:\n" + AckUrl)]
    [InlineData("sms.default.message", "Ack: " + AckUrl)]
    public void The_default_templates_carry_the_acknowledgement_link(string template, string expected)
    {
        Assert.Contains(expected, Render(template, WithAck()), StringComparison.Ordinal);
        Assert.DoesNotContain("cknowledge", Render(template, Request()), StringComparison.Ordinal);
        Assert.DoesNotContain("Ack:", Render(template, Request()), StringComparison.Ordinal);
    }

    [Fact]
    public void A_user_template_reads_the_link_as_AckURL()
    {
        var request = WithAck();
        Assert.Equal("ack at " + AckUrl, request.Templates.ExecuteText("{{ with .AckURL }}ack at {{ . }}{{ end }}", new TemplateExpander(request, "test").Data));
    }

    [Theory]
    [InlineData(SilenceEventKind.Created, "[SILENCE CREATED] {alertname=\"HighLatency\", job=~\"api|web\"}", "was created; it ends at 2026-11-22 05:00:00 +0000 UTC: maintenance")]
    [InlineData(SilenceEventKind.Expiring, "[SILENCE EXPIRING] {alertname=\"HighLatency\", job=~\"api|web\"}", "expires at 2026-11-22 05:00:00 +0000 UTC: maintenance")]
    [InlineData(SilenceEventKind.Expired, "[SILENCE EXPIRED] {alertname=\"HighLatency\", job=~\"api|web\"}", "expired at 2026-11-22 05:00:00 +0000 UTC: maintenance")]
    public void A_silence_notification_says_what_happened_to_which_silence(SilenceEventKind kind, string subject, string text)
    {
        var request = Request(silence: Notice(kind));
        Assert.Equal(subject, Render("__subject", request));
        var body = Render("email.default.text", request);
        Assert.Contains("Silence 7d1b8c3e-0000-4000-8000-000000000001 {alertname=\"HighLatency\", job=~\"api|web\"} by alice " + text, body, StringComparison.Ordinal);
        Assert.Contains("Alerts Firing:", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_webhook_body_gains_ackURL_and_silence_only_when_they_apply()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        var hook = $"  webhook_configs:\n  - url: {server.Url("hook")}\n";
        await TestNotifications.NotifyAsync(hook, Request());
        await TestNotifications.NotifyAsync(hook, WithAck());
        await TestNotifications.NotifyAsync(hook, Request(silence: Notice(SilenceEventKind.Expired)));
        var bodies = server.Requests.Select(r => JsonNode.Parse(r.Body)!.AsObject()).ToList();
        Assert.Null(bodies[0]["ackURL"]);
        Assert.Null(bodies[0]["silence"]);
        Assert.Equal("truncatedAlerts", bodies[0].Last().Key);
        Assert.Equal(AckUrl, (string?)bodies[1]["ackURL"]);
        var silence = bodies[2]["silence"]!;
        Assert.Equal(("expired", "7d1b8c3e-0000-4000-8000-000000000001", "alice"), ((string?)silence["event"], (string?)silence["id"], (string?)silence["createdBy"]));
        Assert.Equal("{alertname=\"HighLatency\", job=~\"api|web\"}", (string?)silence["matchers"]);
    }
}
