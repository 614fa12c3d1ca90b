using System.Text;
using System.Text.RegularExpressions;

namespace Argus.Notify.Tests;

/// <summary>E-mail delivered to postfix's smtp-sink, a real SMTP server, and read back from its dump files.</summary>
public sealed class EmailNotifierTests
{
    private static readonly FixedTime Clock = new(new DateTimeOffset(2026, 11, 22, 3, 0, 0, TimeSpan.Zero));

    private static string Config(int port, string extra = "") =>
        "  email_configs:\n  - to: 'ops@example.org, \"Team, B\" <b@example.org>'\n    from: alertmanager@example.org\n" +
        $"    smarthost: 127.0.0.1:{port}\n    hello: argus.test\n" + extra;

    [Fact]
    public async Task Email_arrives_with_envelope_headers_and_both_parts()
    {
        Assert.True(SmtpSink.IsInstalled, "postfix's smtp-sink is missing: apt-get install postfix (test.sh does)");
        using var sink = SmtpSink.Start();
        await TestNotifications.NotifyAsync(
            Config(sink.Port,
                "    require_tls: false\n    text: \".first line starts with a dot\\n{{ template \\\"email.default.text\\\" . }}\"\n" +
                "    headers: {X-Team: '{{ .GroupLabels.job }}', Subject: 'Störung: {{ template \"__subject\" . }}'}\n"),
            time: Clock);

        var message = new MailMessageReader(Assert.Single(sink.Messages()));
        Assert.Equal("argus.test", message.Header("X-Helo-Args"));
        Assert.Equal("<alertmanager@example.org>", message.Header("X-Mail-Args"));
        Assert.Equal(["<ops@example.org>", "<b@example.org>"], message.Headers.Where(h => h.Key == "X-Rcpt-Args").Select(h => h.Value));
        Assert.Equal("ops@example.org, \"Team, B\" <b@example.org>", message.Header("To"));
        Assert.Equal("alertmanager@example.org", message.Header("From"));
        Assert.Equal("api", message.Header("X-Team"));
        Assert.Equal("Störung: [FIRING:2] HighLatency api (page)", DecodeEncodedWords(message.Header("Subject")));
        Assert.Equal("Sun, 22 Nov 2026 03:00:00 +0000", message.Header("Date"));
        Assert.Matches(new Regex("^<[0-9a-f]{16}\\.1795316400@[^>]+>$"), message.Header("Message-Id"));
        Assert.Equal("1.0", message.Header("MIME-Version"));

        var parts = message.Parts();
        Assert.Equal(["text/plain; charset=UTF-8", "text/html; charset=UTF-8"], parts.Select(p => p.ContentType));
        Assert.Equal(
            ".first line starts with a dot\n[FIRING:2] HighLatency api (page)\n\nAlerts Firing:\n" +
            "Labels:\n - alertname = HighLatency\n - instance = 10.0.0.1:9100\n - job = api\n - severity = page\n" +
            "Annotations:\n - summary = High latency on 10.0.0.1:9100\nSource: http://prometheus.example/graph?g0.expr=latency%3E1\n" +
            "Labels:\n - alertname = HighLatency\n - instance = 10.0.0.2:9100\n - job = api\n - severity = page\n" +
            "Annotations:\n - summary = High latency on 10.0.0.2:9100\nSource: http://prometheus.example/graph?g0.expr=latency%3E1\n\n" +
            "View in Alertmanager: http://am.example:9093/#/alerts?receiver=team\n",
            parts[0].Content);
        Assert.StartsWith("<!DOCTYPE html>", parts[1].Content, StringComparison.Ordinal);
        Assert.Contains("<title>[FIRING:2] HighLatency api (page)</title>", parts[1].Content, StringComparison.Ordinal);
        Assert.Contains("<a href=\"http://am.example:9093/#/alerts?receiver=team\">View in Alertmanager</a>", parts[1].Content, StringComparison.Ordinal);
        Assert.Contains("<em>summary</em>: High latency on 10.0.0.2:9100<br>", parts[1].Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Require_tls_refuses_a_server_without_starttls()
    {
        Assert.True(SmtpSink.IsInstalled, "postfix's smtp-sink is missing: apt-get install postfix (test.sh does)");
        using var sink = SmtpSink.Start();
        var error = await Assert.ThrowsAsync<NotifyException>(() => TestNotifications.NotifyAsync(Config(sink.Port)));
        Assert.Contains("does not advertise STARTTLS", error.Message, StringComparison.Ordinal);
        Assert.Empty(sink.Messages());
    }

    [Fact]
    public async Task An_unreachable_smarthost_is_retryable()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var error = await Assert.ThrowsAsync<NotifyException>(() => TestNotifications.NotifyAsync(Config(port, "    require_tls: false\n")));
        Assert.True(error.Retryable);
        Assert.Contains($"connecting to 127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
    }

    private static string DecodeEncodedWords(string value) =>
        Regex.Replace(value, @"=\?UTF-8\?B\?([^?]*)\?=\s*", m => Encoding.UTF8.GetString(Convert.FromBase64String(m.Groups[1].Value)));
}
