namespace Argus.Notify.Tests;

/// <summary>Telegram's Bot API and Discord's webhooks against a loopback server.</summary>
public sealed class TelegramDiscordTests
{
    [Fact]
    public async Task Telegram_calls_send_message_for_the_chat_and_thread()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.DefaultResponse = (200, "{\"ok\":true,\"result\":{}}");
        await TestNotifications.NotifyAsync(
            $"  telegram_configs:\n  - api_url: {server.Url(string.Empty).ToString().TrimEnd('/')}\n    bot_token: '123:ABC'\n    chat_id: -100200\n" +
            "    message_thread_id: 7\n    disable_notifications: true\n    message: '{{ template \"__subject\" . }}'\n");

        var request = Assert.Single(server.Requests);
        Assert.Equal("/bot123:ABC/sendMessage", request.PathAndQuery);
        Assert.Equal(
            "{\"chat_id\":-100200,\"message_thread_id\":7,\"text\":\"[FIRING:2] HighLatency api (page)\",\"parse_mode\":\"HTML\",\"disable_notification\":true}",
            request.Body);
    }

    [Fact]
    public async Task Telegram_ok_false_is_not_retried()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.DefaultResponse = (200, "{\"ok\":false,\"description\":\"Bad Request: chat not found\"}");
        var error = await Assert.ThrowsAsync<NotifyException>(() => TestNotifications.NotifyAsync(
            $"  telegram_configs:\n  - api_url: {server.BaseUrl}\n    bot_token: t\n    chat_id: 1\n"));
        Assert.False(error.Retryable);
        Assert.Contains("chat not found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Discord_posts_one_embed_colored_by_status()
    {
        await using var server = await LoopbackHttpServer.StartAsync();
        server.DefaultResponse = (204, string.Empty);
        await TestNotifications.NotifyAsync(
            $"  discord_configs:\n  - webhook_url: {server.Url("api/webhooks/1/tok")}\n    message: '{{{{ len .Alerts }}}} alerts'\n    username: argus\n");

        var request = Assert.Single(server.Requests);
        Assert.Equal("/api/webhooks/1/tok", request.PathAndQuery);
        Assert.Equal(
            "{\"embeds\":[{\"title\":\"[FIRING:2] HighLatency api (page)\",\"description\":\"2 alerts\",\"color\":10038562}],\"username\":\"argus\"}",
            request.Body);
    }
}
