using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Argus.Notify.Integrations.Email;

/// <summary>
/// The client side of one SMTP conversation (RFC 5321) over a socket: replies are read line by line from our
/// own buffer so that the stream can be swapped for TLS after <c>STARTTLS</c>. Every failure becomes a
/// <see cref="NotifyException"/>: network errors and 4xx replies are transient, 5xx replies are not.
/// Not thread-safe; one session per message.
/// </summary>
internal sealed class SmtpSession : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private readonly string _server;
    private Stream _stream;
    private readonly byte[] _buffer = new byte[8192];
    private int _start;
    private int _end;

    private SmtpSession(TcpClient tcp, Stream stream, string server)
    {
        _tcp = tcp;
        _stream = stream;
        _server = server;
    }

    /// <summary>True once the conversation runs over TLS (implicit or after STARTTLS).</summary>
    public bool IsEncrypted => _stream is SslStream;

    /// <summary>The keywords and parameters of the last EHLO answer (<c>STARTTLS</c>, <c>AUTH</c> → <c>PLAIN LOGIN</c>).</summary>
    public IReadOnlyDictionary<string, string> Extensions { get; private set; } = new Dictionary<string, string>();

    /// <summary>Connects to <paramref name="host"/>:<paramref name="port"/>, with TLS from the start when
    /// <paramref name="implicitTls"/> is given, and reads the greeting.</summary>
    public static async Task<SmtpSession> ConnectAsync(string host, int port, SslClientAuthenticationOptions? implicitTls, CancellationToken cancellationToken)
    {
        var tcp = new TcpClient();
        try
        {
            await tcp.ConnectAsync(host, port, cancellationToken).ConfigureAwait(false);
            Stream stream = tcp.GetStream();
            var server = host + ":" + port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (implicitTls is not null)
            {
                stream = await HandshakeAsync(stream, implicitTls, server, cancellationToken).ConfigureAwait(false);
            }
            var session = new SmtpSession(tcp, stream, server);
            await session.ExpectAsync(220, "greeting", cancellationToken).ConfigureAwait(false);
            return session;
        }
        catch (SocketException ex)
        {
            tcp.Dispose();
            throw new NotifyException($"email: connecting to {host}:{port}: {ex.Message}", retryable: true, ex);
        }
        catch
        {
            tcp.Dispose();
            throw;
        }
    }

    /// <summary>Sends EHLO and records the extensions the server announces.</summary>
    public async Task HelloAsync(string hello, CancellationToken cancellationToken)
    {
        var reply = await CommandAsync("EHLO " + hello, 250, "EHLO", cancellationToken).ConfigureAwait(false);
        var extensions = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in reply.Lines.Skip(1))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            extensions[space < 0 ? line : line[..space]] = space < 0 ? string.Empty : line[(space + 1)..];
        }
        Extensions = extensions;
    }

    /// <summary>Upgrades the connection with STARTTLS; the caller says EHLO again afterwards, as RFC 3207 requires.</summary>
    public async Task StartTlsAsync(SslClientAuthenticationOptions options, CancellationToken cancellationToken)
    {
        await CommandAsync("STARTTLS", 220, "STARTTLS", cancellationToken).ConfigureAwait(false);
        _start = _end = 0;
        _stream = await HandshakeAsync(_stream, options, _server, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>AUTH PLAIN (RFC 4616): identity, user and password in one base64 message.</summary>
    public Task AuthPlainAsync(string identity, string user, string password, CancellationToken cancellationToken) =>
        CommandAsync("AUTH PLAIN " + Base64(identity + "\0" + user + "\0" + password), 235, "AUTH PLAIN", cancellationToken);

    /// <summary>AUTH LOGIN: the server prompts for the user name, then the password, each base64.</summary>
    public async Task AuthLoginAsync(string user, string password, CancellationToken cancellationToken)
    {
        await CommandAsync("AUTH LOGIN", 334, "AUTH LOGIN", cancellationToken).ConfigureAwait(false);
        await CommandAsync(Base64(user), 334, "AUTH LOGIN user name", cancellationToken).ConfigureAwait(false);
        await CommandAsync(Base64(password), 235, "AUTH LOGIN password", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>AUTH CRAM-MD5 (RFC 2195): answers the server's challenge with HMAC-MD5 keyed by the secret.</summary>
    public async Task AuthCramMd5Async(string user, string secret, CancellationToken cancellationToken)
    {
        var challenge = await CommandAsync("AUTH CRAM-MD5", 334, "AUTH CRAM-MD5", cancellationToken).ConfigureAwait(false);
        var decoded = Convert.FromBase64String(challenge.Lines[0]);
#pragma warning disable CA5351 // CRAM-MD5 is defined with MD5; the server chose the mechanism.
        var digest = Convert.ToHexStringLower(HMACMD5.HashData(Encoding.UTF8.GetBytes(secret), decoded));
#pragma warning restore CA5351
        await CommandAsync(Base64(user + " " + digest), 235, "AUTH CRAM-MD5 response", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends the envelope and the message (dot-stuffed, ending with CRLF . CRLF).</summary>
    public async Task SendMailAsync(string from, IReadOnlyList<string> recipients, string message, CancellationToken cancellationToken)
    {
        await CommandAsync("MAIL FROM:<" + from + ">", 250, "MAIL FROM", cancellationToken).ConfigureAwait(false);
        foreach (var recipient in recipients)
        {
            var reply = await CommandAsync("RCPT TO:<" + recipient + ">", 0, "RCPT TO", cancellationToken).ConfigureAwait(false);
            if (reply.Code is not (250 or 251))
            {
                throw Failure("RCPT TO:<" + recipient + ">", reply);
            }
        }
        await CommandAsync("DATA", 354, "DATA", cancellationToken).ConfigureAwait(false);
        var data = new StringBuilder(message.Length + 64);
        foreach (var line in message.Split("\r\n"))
        {
            if (line.StartsWith('.'))
            {
                data.Append('.');
            }
            data.Append(line).Append("\r\n");
        }
        data.Append(".\r\n");
        await WriteAsync(data.ToString(), cancellationToken).ConfigureAwait(false);
        await ExpectAsync(250, "end of DATA", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Ends the conversation politely; a server that has already accepted the message may not answer.</summary>
    public async Task QuitAsync(CancellationToken cancellationToken)
    {
        try
        {
            await CommandAsync("QUIT", 221, "QUIT", cancellationToken).ConfigureAwait(false);
        }
        catch (NotifyException)
        {
            // The message was accepted before QUIT; a rude goodbye does not make it undelivered.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync().ConfigureAwait(false);
        _tcp.Dispose();
    }

    /// <summary>Sends a command and reads its reply; <paramref name="expected"/> 0 accepts any code.</summary>
    private async Task<SmtpReply> CommandAsync(string command, int expected, string what, CancellationToken cancellationToken)
    {
        await WriteAsync(command + "\r\n", cancellationToken).ConfigureAwait(false);
        return await ExpectAsync(expected, what, cancellationToken).ConfigureAwait(false);
    }

    private async Task<SmtpReply> ExpectAsync(int expected, string what, CancellationToken cancellationToken)
    {
        var reply = await ReadReplyAsync(cancellationToken).ConfigureAwait(false);
        if (expected != 0 && reply.Code != expected)
        {
            throw Failure(what, reply);
        }
        return reply;
    }

    private NotifyException Failure(string what, SmtpReply reply) =>
        new($"email: {_server} answered {what} with {reply.Code} {reply.Text}", reply.IsTransient);

    private async Task WriteAsync(string text, CancellationToken cancellationToken)
    {
        try
        {
            await _stream.WriteAsync(Encoding.UTF8.GetBytes(text), cancellationToken).ConfigureAwait(false);
            await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            throw new NotifyException($"email: writing to {_server}: {ex.Message}", retryable: true, ex);
        }
    }

    /// <summary>Reads "ddd-text" lines until "ddd text" (or "ddd" alone) ends the reply.</summary>
    private async Task<SmtpReply> ReadReplyAsync(CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        while (true)
        {
            var line = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (line.Length < 3 || !int.TryParse(line.AsSpan(0, 3), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code))
            {
                throw new NotifyException($"email: {_server} sent a malformed reply line \"{line}\"", retryable: true);
            }
            lines.Add(line.Length > 4 ? line[4..] : string.Empty);
            if (line.Length == 3 || line[3] == ' ')
            {
                return new SmtpReply(code, lines);
            }
        }
    }

    private async Task<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (newline >= 0)
            {
                var line = Encoding.UTF8.GetString(_buffer, _start, newline - _start).TrimEnd('\r');
                _start = newline + 1;
                return line;
            }
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }
            if (_end == _buffer.Length)
            {
                throw new NotifyException($"email: {_server} sent a reply line longer than {_buffer.Length} bytes", retryable: true);
            }
            int read;
            try
            {
                read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            }
            catch (IOException ex)
            {
                throw new NotifyException($"email: reading from {_server}: {ex.Message}", retryable: true, ex);
            }
            if (read == 0)
            {
                throw new NotifyException($"email: {_server} closed the connection", retryable: true);
            }
            _end += read;
        }
    }

    private static async Task<SslStream> HandshakeAsync(Stream inner, SslClientAuthenticationOptions options, string server, CancellationToken cancellationToken)
    {
        var ssl = new SslStream(inner, leaveInnerStreamOpen: false);
        try
        {
            await ssl.AuthenticateAsClientAsync(options, cancellationToken).ConfigureAwait(false);
            return ssl;
        }
        catch (System.Security.Authentication.AuthenticationException ex)
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            // A certificate the configuration does not trust stays untrusted on retry.
            throw new NotifyException($"email: TLS handshake with {server}: {ex.Message}", retryable: false, ex);
        }
        catch (IOException ex)
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw new NotifyException($"email: TLS handshake with {server}: {ex.Message}", retryable: true, ex);
        }
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
}
