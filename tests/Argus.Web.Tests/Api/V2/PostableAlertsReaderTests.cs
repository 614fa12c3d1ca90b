using System.Text;
using Argus.Alerting.Alerts;
using Argus.Web.Api.V2;

namespace Argus.Web.Tests.Api.V2;

public sealed class PostableAlertsReaderTests
{
    private static readonly DateTime Now = new(2026, 12, 7, 23, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan ResolveTimeout = TimeSpan.FromMinutes(5);

    private static (PostableAlertsReader.Refusal? Refusal, List<Alert> Alerts) Read(string json)
    {
        var alerts = new List<Alert>();
        var refusal = PostableAlertsReader.Read(Encoding.UTF8.GetBytes(json), Now, ResolveTimeout, alerts);
        return (refusal, alerts);
    }

    [Fact]
    public void Reads_labels_annotations_times_and_the_generator_url()
    {
        var (refusal, alerts) = Read("""
            [{"labels":{"alertname":"HighLatency","job":"api","empty":"","job":"web"},
              "annotations":{"summary":"caf\u00e9 \"quoted\""},
              "startsAt":"2026-12-07T22:00:00.5Z","endsAt":"2026-12-08T01:00:00+02:00",
              "generatorURL":"http://prometheus.example/graph","unknown":{"nested":[1,2]}},
             {"labels":{"alertname":"B"},"annotations":null,"startsAt":"2026-12-07 21:00:00","endsAt":null}]
            """);

        Assert.Null(refusal);
        Assert.Equal(2, alerts.Count);
        var first = alerts[0];
        Assert.Equal(["alertname", "job"], first.Labels.Select(l => l.Name));
        Assert.Equal("web", first.Labels.Get("job"));
        Assert.Equal("café \"quoted\"", first.Annotations.Get("summary"));
        Assert.Equal(new DateTime(2026, 12, 7, 22, 0, 0, 500, DateTimeKind.Utc), first.StartsAt);
        Assert.Equal(new DateTime(2026, 12, 7, 23, 0, 0, DateTimeKind.Utc), first.EndsAt);
        Assert.False(first.Timeout);
        Assert.Equal("http://prometheus.example/graph", first.GeneratorUrl);
        var second = alerts[1];
        Assert.Empty(second.Annotations);
        Assert.Equal(new DateTime(2026, 12, 7, 21, 0, 0, DateTimeKind.Utc), second.StartsAt);
        Assert.Equal(Now + ResolveTimeout, second.EndsAt);
        Assert.True(second.Timeout);
        Assert.Equal(string.Empty, second.GeneratorUrl);
    }

    [Fact]
    public void Values_repeated_across_alerts_share_one_string_and_names_are_pooled_from_the_first()
    {
        var (refusal, alerts) = Read("""
            [{"labels":{"alertname":"RepeatedAcrossAlerts","seq":"1"}},
             {"labels":{"alertname":"RepeatedAcrossAlerts","seq":"2"}},
             {"labels":{"alertname":"RepeatedAcrossAlerts","seq":"3"}}]
            """);

        Assert.Null(refusal);
        Assert.Same(alerts[1].Labels.Get("alertname"), alerts[2].Labels.Get("alertname"));
        Assert.Same(alerts[0].Labels[1].Name, alerts[2].Labels[1].Name);
        Assert.Equal(["1", "2", "3"], alerts.Select(a => a.Labels.Get("seq")));
    }

    [Theory]
    [InlineData("{}", 400, 400, "parsing alerts body from \"\" failed, because the body is not a JSON array of alerts")]
    [InlineData("[1]", 422, 602, "0.labels in body is required")]
    [InlineData("[{\"labels\":{\"a\":\"b\"}},{\"annotations\":{}}]", 422, 602, "1.labels in body is required")]
    [InlineData("[{\"labels\":\"a\"}]", 422, 602, "0.labels in body is required")]
    [InlineData("[{\"labels\":{\"a\":1}}]", 422, 601, "0.labels.a in body must be of type string")]
    [InlineData("[{\"labels\":{\"a\":\"b\"},\"annotations\":[]}]", 422, 601, "0.annotations in body must be of type object")]
    [InlineData("[{\"labels\":{\"a\":\"b\"},\"annotations\":{\"s\":true}}]", 422, 601, "0.annotations.s in body must be of type string")]
    [InlineData("[{\"labels\":{\"a\":\"b\"},\"startsAt\":\"yesterday\"}]", 422, 601, "0.startsAt in body must be of type date-time: \"yesterday\"")]
    [InlineData("[{\"labels\":{\"a\":\"b\"},\"endsAt\":{ \"x\": 5 }}]", 422, 601, "0.endsAt in body must be of type date-time: { \"x\": 5 }")]
    // Precedence: a missing labels object first, then labels, annotations, startsAt, endsAt, whatever the field order.
    [InlineData("[{\"endsAt\":1,\"startsAt\":\"x\",\"annotations\":3,\"labels\":{\"a\":1}}]", 422, 601, "0.labels.a in body must be of type string")]
    [InlineData("[{\"endsAt\":1,\"startsAt\":\"x\",\"annotations\":3}]", 422, 602, "0.labels in body is required")]
    [InlineData("[{\"endsAt\":1,\"startsAt\":\"x\",\"labels\":{\"a\":\"b\"}}]", 422, 601, "0.startsAt in body must be of type date-time: \"x\"")]
    public void Refuses_bodies_as_alertmanager_does(string body, int status, int code, string message)
    {
        var (refusal, _) = Read(body);

        Assert.Equal(new PostableAlertsReader.Refusal(status, code, message), refusal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("[{\"labels\":")]
    [InlineData("[] x")]
    // A syntax error after an invalid alert still answers as a malformed body.
    [InlineData("[1, {\"labels\" 2}]")]
    [InlineData("{\"a\":1} [")]
    public void Malformed_json_is_refused_before_anything_else(string body)
    {
        var (refusal, _) = Read(body);

        Assert.NotNull(refusal);
        Assert.Equal(400, refusal.Value.Status);
        Assert.Equal(400, refusal.Value.Code);
        Assert.StartsWith("parsing alerts body from \"\" failed, because ", refusal.Value.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_in_a_value_is_refused_as_a_malformed_body()
    {
        var body = Encoding.UTF8.GetBytes("[{\"labels\":{\"a\":\"b?\"}}]");
        body[Array.IndexOf(body, (byte)'?')] = 0xFF;

        var refusal = PostableAlertsReader.Read(body, Now, ResolveTimeout, []);

        Assert.NotNull(refusal);
        Assert.Equal(400, refusal.Value.Status);
        Assert.StartsWith("parsing alerts body from \"\" failed, because ", refusal.Value.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Long_names_and_values_are_read_whole()
    {
        var longValue = new string('x', 5000);
        var (refusal, alerts) = Read("[{\"labels\":{\"a\":\"" + longValue + "\"},\"annotations\":{\"d\":\"" + longValue + "\\n\"}}]");

        Assert.Null(refusal);
        Assert.Equal(longValue, Assert.Single(alerts).Labels.Get("a"));
        Assert.Equal(longValue + "\n", alerts[0].Annotations.Get("d"));
    }
}
