namespace Argus.Scrape.Scraping;

/// <summary>HTTP basic authentication of a scrape; the password comes inline or from a file read at each scrape.</summary>
public sealed record BasicAuthOptions(string Username, string? Password = null, string? PasswordFile = null);
