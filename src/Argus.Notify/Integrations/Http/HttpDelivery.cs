using System.Text;

namespace Argus.Notify.Integrations.Http;

/// <summary>
/// Sends one request of an integration and turns every failure into a <see cref="NotifyException"/> whose
/// retry flag follows the integration's <see cref="HttpRetryPolicy"/>: network errors and timeouts are always
/// worth retrying, a status only when the policy says so (5xx, plus per-kind codes such as 429).
/// </summary>
internal static class HttpDelivery
{
    /// <summary>The <c>User-Agent</c> of every notification request.</summary>
    public static readonly string UserAgent = "Argus/" + (typeof(HttpDelivery).Assembly.GetName().Version?.ToString(3) ?? "0");

    /// <summary>Set on a request whose URL path carries a secret (VictorOps' API key, a Telegram bot token):
    /// messages then name only scheme and host.</summary>
    public static readonly HttpRequestOptionsKey<bool> SecretInPath = new("argus.secret-in-path");

    /// <summary>How much of an error response's body goes into the message.</summary>
    private const int MaxErrorBody = 1024;

    /// <summary>POSTs <paramref name="json"/> and returns the response body of a 2xx answer.</summary>
    public static async Task<string> PostJsonAsync(HttpClient client, Uri url, string json, string integration, TimeSpan timeout, CancellationToken cancellationToken,
        Action<HttpRequestMessage>? configure = null, HttpRetryPolicy? policy = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        configure?.Invoke(request);
        return await SendForBodyAsync(client, request, integration, timeout, cancellationToken, policy).ConfigureAwait(false);
    }

    /// <summary>POSTs <paramref name="utf8Json"/> (already UTF-8, so it is sent without another copy) and returns the
    /// response body of a 2xx answer.</summary>
    public static async Task<string> PostJsonAsync(HttpClient client, Uri url, ReadOnlyMemory<byte> utf8Json, string integration, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new ReadOnlyMemoryContent(utf8Json),
        };
        // What StringContent with UTF-8 sends, so receivers see the same header either way; added as text, because
        // building a MediaTypeHeaderValue and setting its charset parses the parameter again for every notification.
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=utf-8");
        return await SendForBodyAsync(client, request, integration, timeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends <paramref name="request"/> within <paramref name="timeout"/> (none when zero) and returns the body of a 2xx answer.</summary>
    public static async Task<string> SendForBodyAsync(HttpClient client, HttpRequestMessage request, string integration, TimeSpan timeout, CancellationToken cancellationToken,
        HttpRetryPolicy? policy = null)
    {
        var exchange = await ExchangeAsync(client, request, integration, timeout, cancellationToken).ConfigureAwait(false);
        EnsureSuccess(exchange, request, integration, policy);
        return exchange.Body;
    }

    /// <summary>
    /// Sends <paramref name="request"/> and returns the body of a 2xx answer; a failure's message carries what
    /// <paramref name="explain"/> reads from the provider's error body (its code and message), else the body.
    /// </summary>
    public static async Task<string> SendExplainedAsync(HttpClient client, HttpRequestMessage request, string integration, TimeSpan timeout,
        HttpRetryPolicy policy, Func<HttpExchange, string?> explain, CancellationToken cancellationToken)
    {
        var exchange = await ExchangeAsync(client, request, integration, timeout, cancellationToken).ConfigureAwait(false);
        if (!exchange.IsSuccess)
        {
            throw Failure(exchange, request, integration, policy.IsRetryable(exchange.Status), explain(exchange));
        }
        return exchange.Body;
    }

    /// <summary>
    /// Sends <paramref name="request"/> within <paramref name="timeout"/> (none when zero) and returns the answer
    /// whatever its status, for integrations that read error bodies themselves. Network errors and timeouts throw
    /// a retryable <see cref="NotifyException"/>.
    /// </summary>
    public static async Task<HttpExchange> ExchangeAsync(HttpClient client, HttpRequestMessage request, string integration, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout > TimeSpan.Zero)
        {
            limit.CancelAfter(timeout);
        }
        SetUserAgent(request);
        try
        {
            using var response = await client.SendAsync(request, limit.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(limit.Token).ConfigureAwait(false);
            return new HttpExchange((int)response.StatusCode, body);
        }
        catch (HttpRequestException ex)
        {
            throw new NotifyException($"{integration}: {Where(request)}: {ex.Message}", retryable: true, ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new NotifyException($"{integration}: {Where(request)}: no answer within {timeout}", retryable: true, ex);
        }
    }

    /// <summary>Sends <paramref name="request"/>; returns the response when its status is 2xx (the caller disposes it).</summary>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpRequestMessage request, string integration, CancellationToken cancellationToken,
        HttpRetryPolicy? policy = null)
    {
        SetUserAgent(request);
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new NotifyException($"{integration}: {Where(request)}: {ex.Message}", retryable: true, ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient.Timeout elapsed.
            throw new NotifyException($"{integration}: {Where(request)}: request timed out", retryable: true, ex);
        }
        if (response.IsSuccessStatusCode)
        {
            return response;
        }
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            EnsureSuccess(new HttpExchange((int)response.StatusCode, body), request, integration, policy);
            throw new InvalidOperationException("unreachable: a non-2xx answer always throws");
        }
    }

    // Our own constant, valid by construction: set without parsing it again for every notification.
    private static void SetUserAgent(HttpRequestMessage request)
    {
        request.Headers.Remove("User-Agent");
        request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
    }

    /// <summary>Throws for a non-2xx answer: the status and (the start of) the body, retryable as the policy says.</summary>
    public static void EnsureSuccess(HttpExchange exchange, HttpRequestMessage request, string integration, HttpRetryPolicy? policy = null, string? details = null)
    {
        if (exchange.IsSuccess)
        {
            return;
        }
        throw Failure(exchange, request, integration, (policy ?? HttpRetryPolicy.Default).IsRetryable(exchange.Status), details);
    }

    /// <summary>The exception for a failed answer, with <paramref name="details"/> (a provider's error text) or the body.</summary>
    public static NotifyException Failure(HttpExchange exchange, HttpRequestMessage request, string integration, bool retryable, string? details = null)
    {
        var text = string.IsNullOrEmpty(details) ? exchange.Body : details;
        if (text.Length > MaxErrorBody)
        {
            text = text[..MaxErrorBody] + "…";
        }
        return new NotifyException($"{integration}: {Where(request)}: unexpected status code {exchange.Status}: {text}", retryable);
    }

    /// <summary>The URL may carry a token in its query (DingTalk, WeChat) or, when marked, its path: messages name only
    /// scheme, host and (unless secret) path.</summary>
    private static string Where(HttpRequestMessage request) =>
        request.RequestUri?.GetLeftPart(request.Options.TryGetValue(SecretInPath, out var secret) && secret ? UriPartial.Authority : UriPartial.Path) ?? "(no URL)";
}
