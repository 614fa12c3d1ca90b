namespace Argus.Notify.Tests;

/// <summary>E-mail through a real SMTP server that insists on STARTTLS and AUTH (python3-aiosmtpd).</summary>
public sealed class EmailStartTlsTests
{
    private static string Config(StartTlsSmtpServer server, string password, bool trustCertificate = true) =>
        "  email_configs:\n  - to: ops@example.org\n    from: alertmanager@example.org\n" +
        $"    smarthost: 127.0.0.1:{server.Port}\n    hello: argus.test\n    auth_username: alice\n    auth_password: {password}\n" +
        (trustCertificate ? $"    tls_config: {{ca_file: {server.CaFile}}}\n" : string.Empty);

    [Theory]
    [InlineData(new string[0], "PLAIN")]
    [InlineData(new[] { "PLAIN" }, "LOGIN")]
    public async Task Mail_is_sent_after_starttls_and_auth(string[] excluded, string mechanism)
    {
        Assert.True(StartTlsSmtpServer.IsInstalled, "python3-aiosmtpd is missing: apt-get install python3-aiosmtpd (test.sh does)");
        using var server = StartTlsSmtpServer.Start("alice", "s3cret", excluded);
        await TestNotifications.NotifyAsync(Config(server, "s3cret"));

        var message = new MailMessageReader(Assert.Single(server.Messages()));
        Assert.Equal("yes", message.Header("X-Test-TLS"));
        Assert.Equal(mechanism + " alice", message.Header("X-Test-Auth"));
        Assert.Equal("alertmanager@example.org", message.Header("X-Test-Mail-From"));
        Assert.Equal("ops@example.org", message.Header("X-Test-Rcpt-To"));
        Assert.Equal("[FIRING:2] HighLatency api (page)", message.Header("Subject"));
        Assert.Equal(["text/html; charset=UTF-8"], message.Parts().Select(p => p.ContentType));
    }

    [Fact]
    public async Task A_wrong_password_is_not_retried()
    {
        Assert.True(StartTlsSmtpServer.IsInstalled, "python3-aiosmtpd is missing: apt-get install python3-aiosmtpd (test.sh does)");
        using var server = StartTlsSmtpServer.Start("alice", "s3cret");
        var error = await Assert.ThrowsAsync<NotifyException>(() => TestNotifications.NotifyAsync(Config(server, "wrong")));
        Assert.False(error.Retryable);
        Assert.Contains("AUTH PLAIN with 535", error.Message, StringComparison.Ordinal);
        Assert.Empty(server.Messages());
    }

    [Fact]
    public async Task An_untrusted_certificate_stops_the_password_from_being_sent()
    {
        Assert.True(StartTlsSmtpServer.IsInstalled, "python3-aiosmtpd is missing: apt-get install python3-aiosmtpd (test.sh does)");
        using var server = StartTlsSmtpServer.Start("alice", "s3cret");
        var error = await Assert.ThrowsAsync<NotifyException>(() => TestNotifications.NotifyAsync(Config(server, "s3cret", trustCertificate: false)));
        Assert.False(error.Retryable);
        Assert.Contains("TLS handshake", error.Message, StringComparison.Ordinal);
        Assert.Empty(server.Messages());
    }
}
