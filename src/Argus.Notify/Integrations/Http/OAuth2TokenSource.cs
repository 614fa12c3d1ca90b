using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Argus.Config.Http;

namespace Argus.Notify.Integrations.Http;

/// <summary>
/// OAuth2 client-credentials tokens for an <c>http_config.oauth2</c>: fetched from the token URL with the
/// client id and secret (HTTP basic, as Go's oauth2 package does first), the scopes and the endpoint
/// parameters, and reused until shortly before they expire. Thread-safe.
/// </summary>
internal sealed class OAuth2TokenSource
{
    private static readonly TimeSpan ExpiryMargin = TimeSpan.FromSeconds(10);

    private readonly OAuth2Config _config;
    private readonly HttpClient _client;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private string? _token;
    private DateTime _expiresAt;

    public OAuth2TokenSource(OAuth2Config config, HttpClient client)
    {
        _config = config;
        _client = client;
    }

    public async Task<string> GetTokenAsync(CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_token is not null && DateTime.UtcNow < _expiresAt)
            {
                return _token;
            }
            var form = new List<KeyValuePair<string, string>> { new("grant_type", "client_credentials") };
            if (_config.Scopes.Count > 0)
            {
                form.Add(new("scope", string.Join(' ', _config.Scopes)));
            }
            form.AddRange(_config.EndpointParams);
            var secret = ConfigValues.SecretOrFile(_config.ClientSecret, _config.ClientSecretFile, "oauth2 client_secret") ?? string.Empty;
            using var request = new HttpRequestMessage(HttpMethod.Post, _config.TokenUrl!.Text) { Content = new FormUrlEncodedContent(form) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(
                Uri.EscapeDataString(_config.ClientId) + ":" + Uri.EscapeDataString(secret))));
            using var response = await HttpDelivery.SendAsync(_client, request, "oauth2 token", cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            using var json = JsonDocument.Parse(body);
            if (!json.RootElement.TryGetProperty("access_token", out var tokenElement) || tokenElement.GetString() is not { Length: > 0 } token)
            {
                throw new NotifyException($"oauth2 token: the response of {_config.TokenUrl.Text} has no access_token", retryable: true);
            }
            var lifetime = json.RootElement.TryGetProperty("expires_in", out var expires) && expires.TryGetInt64(out var seconds) && seconds > 0
                ? TimeSpan.FromSeconds(seconds)
                : TimeSpan.FromHours(1);
            _token = token;
            _expiresAt = DateTime.UtcNow + lifetime - ExpiryMargin;
            return token;
        }
        catch (JsonException ex)
        {
            throw new NotifyException($"oauth2 token: invalid JSON from {_config.TokenUrl!.Text}: {ex.Message}", retryable: true, ex);
        }
        finally
        {
            _lock.Release();
        }
    }
}
