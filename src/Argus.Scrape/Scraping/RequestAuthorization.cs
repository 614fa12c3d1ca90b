using System.Net.Http.Headers;
using System.Text;

namespace Argus.Scrape.Scraping;

/// <summary>Sets the <c>Authorization</c> header of an outgoing request. Secret files are read per request, so a
/// rotated password or token takes effect without a reload, as in Prometheus.</summary>
public static class RequestAuthorization
{
    public static void Add(HttpRequestMessage request, BasicAuthOptions? basic, AuthorizationOptions? authorization)
    {
        if (basic is not null)
        {
            var password = basic.PasswordFile is { } file ? File.ReadAllText(file).TrimEnd('\r', '\n') : basic.Password ?? string.Empty;
            var token = Convert.ToBase64String(Encoding.UTF8.GetBytes(basic.Username + ":" + password));
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", token);
        }
        else if (authorization is not null)
        {
            var credentials = authorization.CredentialsFile is { } file
                ? File.ReadAllText(file).TrimEnd('\r', '\n')
                : authorization.Credentials ?? string.Empty;
            request.Headers.TryAddWithoutValidation("Authorization", authorization.Type + " " + credentials);
        }
    }
}
