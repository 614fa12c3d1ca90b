using System.Net.Http.Headers;
using System.Text;
using Argus.Config.Http;

namespace Argus.Notify.Integrations.Http;

/// <summary>
/// Applies an <c>http_config</c>'s credentials and extra headers to every request: basic auth, an
/// <c>Authorization</c> header, an OAuth2 client-credentials token, and <c>http_headers</c>. Credential files
/// are read per request so rotation works without a reload. An integration that sets its own
/// <c>Authorization</c> header (a provider token) keeps it.
/// </summary>
internal sealed class ConfiguredAuthHandler : DelegatingHandler
{
    private readonly HttpClientConfig _config;
    private readonly OAuth2TokenSource? _oauth2;

    public ConfiguredAuthHandler(HttpClientConfig config, HttpMessageHandler inner, OAuth2TokenSource? oauth2)
        : base(inner)
    {
        _config = config;
        _oauth2 = oauth2;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Headers.Authorization is null)
        {
            if (_config.BasicAuth is { } basic)
            {
                var user = basic.UsernameFile is { } uf ? ConfigValues.ReadFile(uf, "basic_auth username") : basic.Username ?? string.Empty;
                var password = ConfigValues.SecretOrFile(basic.Password, basic.PasswordFile, "basic_auth password") ?? string.Empty;
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));
            }
            else if (_config.Authorization is { } authorization)
            {
                var credentials = ConfigValues.SecretOrFile(authorization.Credentials, authorization.CredentialsFile, "authorization credentials") ?? string.Empty;
                request.Headers.TryAddWithoutValidation("Authorization", authorization.Type + " " + credentials);
            }
            else if (_oauth2 is not null)
            {
                var token = await _oauth2.GetTokenAsync(cancellationToken).ConfigureAwait(false);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }
        }
        foreach (var (name, values) in _config.HttpHeaders)
        {
            request.Headers.Remove(name);
            var all = values.Values
                .Concat(values.Secrets.Select(s => s.Value))
                .Concat(values.Files.Select(f => ConfigValues.ReadFile(f, "http_headers " + name)));
            request.Headers.TryAddWithoutValidation(name, all);
        }
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
