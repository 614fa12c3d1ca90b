using Argus.Config.Http;

namespace Argus.Scrape.Scraping;

/// <summary>HTTP basic authentication of a scrape; the password comes inline or from a file read at each scrape.</summary>
public sealed record BasicAuthOptions(string Username, string? Password = null, string? PasswordFile = null)
{
    /// <summary>From a <c>basic_auth</c> section; a <c>username_file</c> is read now, the password file at each request.</summary>
    public static BasicAuthOptions From(BasicAuthConfig config) =>
        new(config.UsernameFile is { } file ? File.ReadAllText(file).Trim() : config.Username ?? string.Empty,
            config.Password?.Value, config.PasswordFile);
}
