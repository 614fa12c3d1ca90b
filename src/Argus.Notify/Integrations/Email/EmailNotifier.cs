using System.Globalization;
using Argus.Alerting.Config.Receivers;
using Argus.Notify.Integrations.Http;

namespace Argus.Notify.Integrations.Email;

/// <summary>
/// <c>email_configs</c>: renders the headers (<c>Subject</c>, <c>To</c> and <c>From</c> default to the
/// templates and addresses of the entry), the text and HTML bodies, and delivers the message to the
/// smarthost over SMTP as Alertmanager does: implicit TLS on port 465 (or with <c>force_implicit_tls</c>),
/// otherwise STARTTLS when <c>require_tls</c> (the default) and plain SMTP when not; AUTH when a user name
/// is set and the server offers it, choosing CRAM-MD5 (with <c>auth_secret</c>), PLAIN or LOGIN (with the
/// password). PLAIN and LOGIN are refused on an unencrypted connection to anything but loopback, so a
/// password never crosses a network in clear.
/// </summary>
public sealed class EmailNotifier : INotifier
{
    private readonly EmailConfig _config;
    private readonly TimeProvider _time;

    public EmailNotifier(EmailConfig config, TimeProvider? time = null)
    {
        _config = config;
        _time = time ?? TimeProvider.System;
    }

    public string Integration => "email";

    public bool SendResolved => _config.SendResolved;

    public async Task NotifyAsync(NotificationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (headers, text, html) = Render(request);
        var to = MailAddresses.Parse(headers.First(h => h.Key.Equals("To", StringComparison.OrdinalIgnoreCase)).Value, "to");
        var from = MailAddresses.Parse(headers.First(h => h.Key.Equals("From", StringComparison.OrdinalIgnoreCase)).Value, "from")[0];
        var message = MimeMessage.Build(headers, text, html, _time.GetUtcNow(), Environment.MachineName);
        var (host, port) = SplitSmarthost(_config.Smarthost);
        var tls = TlsOptions.Create(_config.TlsConfig, host);
        var implicitTls = _config.ForceImplicitTls ?? port == 465;
        await using var session = await SmtpSession.ConnectAsync(host, port, implicitTls ? tls : null, cancellationToken).ConfigureAwait(false);
        await session.HelloAsync(_config.Hello, cancellationToken).ConfigureAwait(false);
        if (!session.IsEncrypted && _config.RequireTls)
        {
            if (!session.Extensions.ContainsKey("STARTTLS"))
            {
                throw new NotifyException($"email: require_tls is true (the default) but {_config.Smarthost} does not advertise STARTTLS", retryable: true);
            }
            await session.StartTlsAsync(tls, cancellationToken).ConfigureAwait(false);
            await session.HelloAsync(_config.Hello, cancellationToken).ConfigureAwait(false);
        }
        if (!string.IsNullOrEmpty(_config.AuthUsername) && session.Extensions.TryGetValue("AUTH", out var mechanisms))
        {
            await AuthenticateAsync(session, host, mechanisms.Split(' ', StringSplitOptions.RemoveEmptyEntries), cancellationToken).ConfigureAwait(false);
        }
        await session.SendMailAsync(from, to, message, cancellationToken).ConfigureAwait(false);
        await session.QuitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The expanded headers (configured ones plus the defaults), text body and HTML body.</summary>
    internal (List<KeyValuePair<string, string>> Headers, string Text, string Html) Render(NotificationRequest request)
    {
        var t = new TemplateExpander(request, Integration);
        var headers = _config.Headers.Select(h => KeyValuePair.Create(h.Key, t.Expand("headers." + h.Key, h.Value))).ToList();
        AddDefault(headers, "Subject", () => t.Expand("headers.Subject", "{{ template \"email.default.subject\" . }}"));
        AddDefault(headers, "To", () => t.Expand("to", _config.To));
        AddDefault(headers, "From", () => t.Expand("from", _config.From));
        return (headers, t.Expand("text", _config.Text), t.Expand("html", _config.Html));
    }

    private static void AddDefault(List<KeyValuePair<string, string>> headers, string name, Func<string> value)
    {
        if (!headers.Any(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)))
        {
            headers.Add(KeyValuePair.Create(name, value()));
        }
    }

    private async Task AuthenticateAsync(SmtpSession session, string host, string[] offered, CancellationToken cancellationToken)
    {
        var user = _config.AuthUsername!;
        var secret = ConfigValues.SecretOrFile(_config.AuthSecret, _config.AuthSecretFile, "email auth_secret");
        var password = ConfigValues.SecretOrFile(_config.AuthPassword, _config.AuthPasswordFile, "email auth_password");
        bool Offers(string mechanism) => offered.Contains(mechanism, StringComparer.OrdinalIgnoreCase);
        if (!string.IsNullOrEmpty(secret) && Offers("CRAM-MD5"))
        {
            await session.AuthCramMd5Async(user, secret, cancellationToken).ConfigureAwait(false);
            return;
        }
        if (string.IsNullOrEmpty(password) || !(Offers("PLAIN") || Offers("LOGIN")))
        {
            throw new NotifyException($"email: {_config.Smarthost} offers AUTH {string.Join(' ', offered)}, none usable with the configured credentials", retryable: false);
        }
        if (!session.IsEncrypted && !IsLoopback(host))
        {
            throw new NotifyException($"email: refusing to send the password for {user} to {_config.Smarthost} over an unencrypted connection", retryable: false);
        }
        if (Offers("PLAIN"))
        {
            await session.AuthPlainAsync(_config.AuthIdentity ?? string.Empty, user, password, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await session.AuthLoginAsync(user, password, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool IsLoopback(string host) =>
        host == "localhost" || (System.Net.IPAddress.TryParse(host, out var ip) && System.Net.IPAddress.IsLoopback(ip));

    /// <summary>Splits <c>host:port</c> or <c>[v6]:port</c>.</summary>
    private static (string Host, int Port) SplitSmarthost(string smarthost)
    {
        var colon = smarthost.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(smarthost.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            throw new NotifyException($"email: invalid smarthost \"{smarthost}\": want host:port", retryable: false);
        }
        return (smarthost[..colon].Trim('[', ']'), port);
    }
}
