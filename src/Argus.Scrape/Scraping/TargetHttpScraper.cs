using System.Buffers;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Argus.Scrape.Scraping;

/// <summary>
/// Fetches one target's body over HTTP(S) into a pooled buffer: Accept negotiation, gzip, auth, TLS,
/// proxy only when configured, timeout, and the body size limit enforced before the body is held whole.
/// </summary>
/// <remarks>Owned by one scrape loop; not thread-safe. The buffer is reused between scrapes (so it is sized
/// by the previous scrape) and returned to the pool on <see cref="Dispose"/>.</remarks>
internal sealed class TargetHttpScraper : IDisposable
{
    private const int InitialBufferSize = 16 * 1024;

    private readonly ScrapeTargetOptions _options;
    private readonly HttpClient _client;
    private readonly string _accept;
    private readonly Uri _url;
    private byte[] _buffer;

    public TargetHttpScraper(ScrapeTargetOptions options)
    {
        _options = options;
        _url = options.Url;
        _accept = Parsing.ScrapeContentNegotiation.AcceptHeader(options.ScrapeProtocols);
        _client = new HttpClient(CreateHandler(options), disposeHandler: true) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        _buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
    }

    /// <summary>The body of the last successful fetch; valid until the next fetch.</summary>
    public ReadOnlySpan<byte> Body(int length) => _buffer.AsSpan(0, length);

    /// <summary>Fetches the body; returns its (decompressed) length and the response Content-Type.</summary>
    /// <exception cref="ScrapeFailedException">HTTP error, timeout, or the body exceeds the size limit.</exception>
    public async Task<(int Length, string? ContentType)> FetchAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, _url);
            request.Headers.TryAddWithoutValidation("Accept", _accept);
            request.Headers.TryAddWithoutValidation("Accept-Encoding", _options.EnableCompression ? "gzip" : "identity");
            request.Headers.TryAddWithoutValidation("User-Agent", "Argus/0.1.0");
            request.Headers.TryAddWithoutValidation("X-Prometheus-Scrape-Timeout-Seconds",
                _options.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture));
            AddAuthorization(request);

            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new ScrapeFailedException($"server returned HTTP status {(int)response.StatusCode} {response.ReasonPhrase}");
            }
            var gzip = response.Content.Headers.ContentEncoding.Any(e => e.Equals("gzip", StringComparison.OrdinalIgnoreCase));
            var limit = _options.BodySizeLimit;
            if (!gzip && limit > 0 && response.Content.Headers.ContentLength > limit)
            {
                throw new ScrapeFailedException(BodyTooLarge(limit));
            }
            var contentType = response.Content.Headers.ContentType?.ToString();
            var stream = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                if (gzip)
                {
                    var inflated = new GZipStream(stream, CompressionMode.Decompress);
                    await using (inflated.ConfigureAwait(false))
                    {
                        return (await ReadAllAsync(inflated, limit, timeout.Token).ConfigureAwait(false), contentType);
                    }
                }
                return (await ReadAllAsync(stream, limit, timeout.Token).ConfigureAwait(false), contentType);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ScrapeFailedException($"scrape timed out after {_options.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s");
        }
        catch (HttpRequestException e)
        {
            throw new ScrapeFailedException($"Get \"{_url}\": {e.Message}", e);
        }
        catch (InvalidDataException e)
        {
            throw new ScrapeFailedException($"invalid gzip body: {e.Message}", e);
        }
    }

    private async Task<int> ReadAllAsync(Stream stream, long limit, CancellationToken cancellationToken)
    {
        var length = 0;
        while (true)
        {
            if (length == _buffer.Length)
            {
                Grow();
            }
            var read = await stream.ReadAsync(_buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return length;
            }
            length += read;
            if (limit > 0 && length > limit)
            {
                throw new ScrapeFailedException(BodyTooLarge(limit));
            }
        }
    }

    private void Grow()
    {
        if (_buffer.Length >= Array.MaxLength / 2)
        {
            throw new ScrapeFailedException("body size limit exceeded: response larger than 1 GiB");
        }
        var bigger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
        _buffer.AsSpan().CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }

    private static string BodyTooLarge(long limit) =>
        $"body size limit exceeded: response is larger than {limit.ToString(CultureInfo.InvariantCulture)} bytes";

    private void AddAuthorization(HttpRequestMessage request)
    {
        if (_options.BasicAuth is { } basic)
        {
            var password = basic.PasswordFile is { } file ? File.ReadAllText(file).TrimEnd('\r', '\n') : basic.Password ?? string.Empty;
            var token = Convert.ToBase64String(Encoding.UTF8.GetBytes(basic.Username + ":" + password));
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", token);
        }
        else if (_options.Authorization is { } auth)
        {
            var credentials = auth.CredentialsFile is { } file ? File.ReadAllText(file).TrimEnd('\r', '\n') : auth.Credentials ?? string.Empty;
            request.Headers.TryAddWithoutValidation("Authorization", auth.Type + " " + credentials);
        }
    }

    private static SocketsHttpHandler CreateHandler(ScrapeTargetOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.None,
            UseProxy = options.ProxyUrl is not null,
            Proxy = options.ProxyUrl is { } proxy ? new WebProxy(proxy) : null,
            AllowAutoRedirect = true,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        if (options.Tls is { } tls)
        {
            var ssl = new SslClientAuthenticationOptions { TargetHost = tls.ServerName };
            if (tls.CertFile is not null && tls.KeyFile is not null)
            {
                ssl.ClientCertificates = [X509Certificate2.CreateFromPemFile(tls.CertFile, tls.KeyFile)];
            }
            if (tls.InsecureSkipVerify)
            {
                ssl.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
            }
            else if (tls.CaFile is not null)
            {
                var roots = new X509Certificate2Collection();
                roots.ImportFromPemFile(tls.CaFile);
                ssl.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                {
                    if (errors == SslPolicyErrors.None)
                    {
                        return true;
                    }
                    if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != 0)
                    {
                        return false;
                    }
                    using var chain = new X509Chain();
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.AddRange(roots);
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    using var leaf = new X509Certificate2(certificate);
                    return chain.Build(leaf);
                };
            }
            handler.SslOptions = ssl;
        }
        return handler;
    }

    public void Dispose()
    {
        _client.Dispose();
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}
