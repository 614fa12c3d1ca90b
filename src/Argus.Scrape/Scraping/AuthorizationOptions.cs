using Argus.Config.Http;

namespace Argus.Scrape.Scraping;

/// <summary>The <c>Authorization</c> header of a scrape: <c>Type Credentials</c>, credentials inline or from a file.</summary>
public sealed record AuthorizationOptions(string Type = "Bearer", string? Credentials = null, string? CredentialsFile = null)
{
    public static AuthorizationOptions From(AuthorizationConfig config) => new(config.Type, config.Credentials?.Value, config.CredentialsFile);
}
