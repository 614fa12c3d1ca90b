using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Argus.Notify.Integrations.Http;

/// <summary>
/// Sends one request of an integration and turns every failure into a <see cref="NotifyException"/> whose
/// retry flag follows Alertmanager: network errors, timeouts, 5xx and 429 are worth retrying; any other
/// non-2xx status means the request itself is wrong and is not.
/// </summary>
internal static class HttpDelivery
{
    /// <summary>The <c>User-Agent</c> of every notification request.</summary>
    public static readonly string UserAgent = "Argus/" + (typeof(HttpDelivery).Assembly.GetName().Version?.ToString(3) ?? "0");

    /// <summary>How much of an error response's body goes into the message.</summary>
    private const int MaxErrorBody = 1024;

    /// <summary>POSTs <paramref name="json"/> and returns the response body of a 2xx answer.</summary>
    public static async Task<string> PostJsonAsync(HttpClient client, Uri url, string json, string integration, TimeSpan timeout, CancellationToken cancellationToken, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        configure?.Invoke(request);
        return await SendForBodyAsync(client, request, integration, timeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends <paramref name="request"/> within <paramref name="timeout"/> (none when zero) and returns the body of a 2xx answer.</summary>
    public static async Task<string> SendForBodyAsync(HttpClient client, HttpRequestMessage request, string integration, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout > TimeSpan.Zero)
        {
            limit.CancelAfter(timeout);
        }
        try
        {
            using var response = await SendAsync(client, request, integration, limit.Token).ConfigureAwait(false);
            return await response.Content.ReadAsStringAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new NotifyException($"{integration}: {request.RequestUri?.GetLeftPart(UriPartial.Path)}: no answer within {timeout}", retryable: true, ex);
        }
    }

    /// <summary>Sends <paramref name="request"/>; returns the response when its status is 2xx (the caller disposes it).</summary>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpRequestMessage request, string integration, CancellationToken cancellationToken)
    {
        request.Headers.UserAgent.Clear();
        request.Headers.UserAgent.Add(ProductInfoHeaderValue.Parse(UserAgent));
        // The URL may carry a token in its query (DingTalk, WeChat): messages name only scheme, host and path.
        var where = request.RequestUri?.GetLeftPart(UriPartial.Path) ?? "(no URL)";
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new NotifyException($"{integration}: {where}: {ex.Message}", retryable: true, ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient.Timeout elapsed.
            throw new NotifyException($"{integration}: {where}: request timed out", retryable: true, ex);
        }
        if (response.IsSuccessStatusCode)
        {
            return response;
        }
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (body.Length > MaxErrorBody)
            {
                body = body[..MaxErrorBody] + "…";
            }
            var status = (int)response.StatusCode;
            throw new NotifyException($"{integration}: {where}: unexpected status code {status}: {body}", IsRetryable(response.StatusCode));
        }
    }

    /// <summary>Server errors and rate limiting are transient; other client errors are not.</summary>
    public static bool IsRetryable(HttpStatusCode status) => (int)status >= 500 || status == HttpStatusCode.TooManyRequests;
}
