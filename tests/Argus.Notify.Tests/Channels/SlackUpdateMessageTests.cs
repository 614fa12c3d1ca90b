using System.Text.Json.Nodes;

namespace Argus.Notify.Tests.Channels;

/// <summary>Slack's <c>update_message</c>: one message per alert group, edited with <c>chat.update</c>.</summary>
public sealed class SlackUpdateMessageTests
{
    private const string Posted = "{\"ok\":true,\"channel\":\"C024BE91L\",\"ts\":\"1401383885.000061\",\"message\":{}}";

    private static string Config(LoopbackHttpServer server) =>
        $"  slack_configs:\n  - app_token: xoxb-1\n    app_url: {server.Url("api/chat.postMessage")}\n    channel: '#ops'\n    update_message: true\n    send_resolved: true\n";

    [Fact]
    public async Task A_group_posts_once_then_edits_its_message_until_it_resolves()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.Enqueue(200, Posted);
        server.DefaultResponse = (200, "{\"ok\":true,\"channel\":\"C024BE91L\",\"ts\":\"1401383885.000061\"}");
        using var factory = new NotifierFactory();
        var receiver = TestNotifications.Receiver(Config(server));

        await Assert.Single(factory.Create(receiver)).NotifyAsync(TestNotifications.Request(), CancellationToken.None);
        // A reload builds a new notifier; the group's message is still the one to edit.
        await Assert.Single(factory.Create(receiver)).NotifyAsync(TestNotifications.Request(secondResolved: true), CancellationToken.None);
        await Assert.Single(factory.Create(receiver)).NotifyAsync(TestNotifications.ResolvedRequest(), CancellationToken.None);
        server.Enqueue(200, Posted);
        await Assert.Single(factory.Create(receiver)).NotifyAsync(TestNotifications.Request(), CancellationToken.None);

        var requests = server.Requests;
        Assert.Equal(["/api/chat.postMessage", "/api/chat.update", "/api/chat.update", "/api/chat.postMessage"], requests.Select(r => r.PathAndQuery));
        Assert.All(requests, r => Assert.Equal("Bearer xoxb-1", r.Header("Authorization")));
        Assert.Equal("#ops", JsonNode.Parse(requests[0].Body)!["channel"]!.GetValue<string>());
        Assert.Null(JsonNode.Parse(requests[0].Body)!["ts"]);
        var update = JsonNode.Parse(requests[1].Body)!;
        Assert.Equal(("C024BE91L", "1401383885.000061"), (update["channel"]!.GetValue<string>(), update["ts"]!.GetValue<string>()));
        Assert.Equal("[FIRING:1] HighLatency api (page)", update["attachments"]![0]!["title"]!.GetValue<string>());
        Assert.Equal("[RESOLVED] HighLatency api (page)", JsonNode.Parse(requests[2].Body)!["attachments"]![0]!["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_message_slack_no_longer_has_is_posted_again()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.Enqueue(200, Posted);
        server.Enqueue(200, "{\"ok\":false,\"error\":\"message_not_found\"}");
        server.DefaultResponse = (200, Posted);
        using var factory = new NotifierFactory();
        var notifier = Assert.Single(factory.Create(TestNotifications.Receiver(Config(server))));

        await notifier.NotifyAsync(TestNotifications.Request(), CancellationToken.None);
        await notifier.NotifyAsync(TestNotifications.Request(), CancellationToken.None);

        Assert.Equal(["/api/chat.postMessage", "/api/chat.update", "/api/chat.postMessage"], server.Requests.Select(r => r.PathAndQuery));
    }

    [Fact]
    public async Task Other_update_errors_fail_without_retry()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.Enqueue(200, Posted);
        server.DefaultResponse = (200, "{\"ok\":false,\"error\":\"not_authed\"}");
        using var factory = new NotifierFactory();
        var notifier = Assert.Single(factory.Create(TestNotifications.Receiver(Config(server))));

        await notifier.NotifyAsync(TestNotifications.Request(), CancellationToken.None);
        var error = await Assert.ThrowsAsync<NotifyException>(() => notifier.NotifyAsync(TestNotifications.Request(), CancellationToken.None));
        Assert.False(error.Retryable);
        Assert.Contains("not_authed", error.Message, StringComparison.Ordinal);
    }
}
