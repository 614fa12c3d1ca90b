using System.Buffers;
using System.Globalization;
using System.IO.Compression;
using System.Net;

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
        _client = new HttpClient(HttpHandlerFactory.Create(options.Tls, options.ProxyUrl), disposeHandler: true) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
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
            RequestAuthorization.Add(request, _options.BasicAuth, _options.Authorization);

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

    public void Dispose()
    {
        _client.Dispose();
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}
