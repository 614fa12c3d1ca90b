using System.Text.Json.Nodes;
using Argus.Alerting.Alerts;
using Argus.Model.Labels;
using Argus.Notify.Integrations.Templates;

namespace Argus.Notify.Tests;

public sealed class WebhookNotifierTests
{
    private static readonly string Samples = Path.Combine(ConformancePaths.Root, "alertmanager", "samples-am-0.25");

    /// <summary>The request Alertmanager 0.25 turned into <c>samples-am-0.25/webhook-firing.json</c>.</summary>
    private static NotificationRequest SampleRequest(Uri externalUrl)
    {
        var startsAt = new DateTime(2026, 11, 22, 2, 48, 47, DateTimeKind.Utc);
        Alert Alert(string instance, string generator) => new(
            LabelSet.FromPairs("alertname", "HighLatency", "instance", instance, "job", "api", "severity", "page"),
            LabelSet.FromPairs("summary", "High latency on " + instance), startsAt, startsAt.AddMinutes(5), startsAt, generator, timeout: true);
        return new NotificationRequest
        {
            Receiver = "hook",
            GroupKey = "{}:{alertname=\"HighLatency\", job=\"api\"}",
            GroupLabels = LabelSet.FromPairs("alertname", "HighLatency", "job", "api"),
            Alerts = [Alert("10.0.0.1:9100", "http://prometheus.example/graph?g0.expr=latency%3E1"), Alert("10.0.0.2:9100", string.Empty)],
            ExternalUrl = externalUrl,
            Templates = DefaultTemplates.Create([]),
            Now = startsAt.AddSeconds(1),
        };
    }

    [Fact]
    public async Task Webhook_posts_the_body_alertmanager_posts()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.DefaultResponse = (200, string.Empty);
        await TestNotifications.NotifyAsync($"  webhook_configs:\n  - url: {server.Url("hook")}\n", SampleRequest(new Uri("http://127.0.0.1:19093")));

        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/hook", request.PathAndQuery);
        Assert.Equal("application/json; charset=utf-8", request.Header("Content-Type"));
        Assert.StartsWith("Argus/", request.Header("User-Agent"), StringComparison.Ordinal);
        var expected = JsonNode.Parse(File.ReadAllText(Path.Combine(Samples, "webhook-firing.json")));
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(request.Body)), request.Body);
        // Go's encoder: compact, HTML characters escaped, one trailing newline.
        Assert.EndsWith("\"truncatedAlerts\":0}\n", request.Body, StringComparison.Ordinal);
        Assert.Contains("latency%3E1", request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Max_alerts_truncates_and_counts_what_was_left_out()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        await TestNotifications.NotifyAsync($"  webhook_configs:\n  - url: {server.Url("hook")}\n    max_alerts: 1\n", TestNotifications.Request(secondResolved: true));

        var body = JsonNode.Parse(Assert.Single(server.Requests).Body)!;
        Assert.Equal(1, body["truncatedAlerts"]!.GetValue<int>());
        Assert.Single(body["alerts"]!.AsArray());
        Assert.Equal("firing", body["status"]!.GetValue<string>());
        Assert.Equal("10.0.0.1:9100", body["commonLabels"]!["instance"]!.GetValue<string>());
    }

    [Fact]
    public async Task Basic_auth_headers_and_url_file_come_from_the_config()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        var dir = Directory.CreateTempSubdirectory("argus-notify-");
        try
        {
            var urlFile = Path.Combine(dir.FullName, "url");
            await File.WriteAllTextAsync(urlFile, server.Url("from-file").ToString() + "\n");
            await TestNotifications.NotifyAsync(
                $"  webhook_configs:\n  - url_file: {urlFile}\n    http_config:\n      basic_auth: {{username: alice, password: s3cret}}\n      http_headers:\n        X-Scope: {{values: [tenant-1]}}\n");
            var request = Assert.Single(server.Requests);
            Assert.Equal("/from-file", request.PathAndQuery);
            Assert.Equal("Basic " + Convert.ToBase64String("alice:s3cret"u8.ToArray()), request.Header("Authorization"));
            Assert.Equal("tenant-1", request.Header("X-Scope"));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task OAuth2_client_credentials_token_is_fetched_once_and_sent_as_bearer()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.Enqueue(200, "{\"access_token\":\"at-1\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
        server.DefaultResponse = (200, string.Empty);
        using var factory = new NotifierFactory();
        var notifier = Assert.Single(factory.Create(TestNotifications.Receiver(
            $"  webhook_configs:\n  - url: {server.Url("hook")}\n    http_config:\n      oauth2: {{client_id: argus, client_secret: cs, token_url: '{server.Url("token")}', scopes: [alerts]}}\n")));
        await notifier.NotifyAsync(TestNotifications.Request(), CancellationToken.None);
        await notifier.NotifyAsync(TestNotifications.Request(), CancellationToken.None);

        var requests = server.Requests;
        Assert.Equal(["/token", "/hook", "/hook"], requests.Select(r => r.PathAndQuery));
        Assert.Equal("grant_type=client_credentials&scope=alerts", requests[0].Body);
        Assert.Equal("Basic " + Convert.ToBase64String("argus:cs"u8.ToArray()), requests[0].Header("Authorization"));
        Assert.All(requests.Skip(1), r => Assert.Equal("Bearer at-1", r.Header("Authorization")));
    }

    [Theory]
    [InlineData(500, true)]
    [InlineData(503, true)]
    [InlineData(429, true)]
    [InlineData(400, false)]
    [InlineData(404, false)]
    public async Task Failures_are_retryable_as_alertmanager_decides(int status, bool retryable)
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.DefaultResponse = (status, "nope");
        var error = await Assert.ThrowsAsync<NotifyException>(() => TestNotifications.NotifyAsync($"  webhook_configs:\n  - url: {server.Url("hook")}\n"));
        Assert.Equal(retryable, error.Retryable);
        Assert.Contains($"unexpected status code {status}: nope", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_endpoint_is_retryable()
    {
        int port;
        using (var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        }
        var error = await Assert.ThrowsAsync<NotifyException>(() => TestNotifications.NotifyAsync($"  webhook_configs:\n  - url: http://127.0.0.1:{port}/hook\n"));
        Assert.True(error.Retryable);
    }
}
