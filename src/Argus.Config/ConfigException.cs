namespace Argus.Config;

/// <summary>
/// A configuration file is invalid. The message starts with the place (<c>file:line:column</c> when
/// known) and then says what is wrong, e.g. <c>prometheus.yml:12:5: field scrape_intervall not found in type config.ScrapeConfig</c>.
/// </summary>
public sealed class ConfigException : Exception
{
    public ConfigException()
    {
    }

    public ConfigException(string message)
        : base(message)
    {
    }

    public ConfigException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>The file the error is in, when known.</summary>
    public string? FileName { get; init; }

    /// <summary>1-based line of the error, or 0 when unknown.</summary>
    public int Line { get; init; }

    /// <summary>1-based column of the error, or 0 when unknown.</summary>
    public int Column { get; init; }
}
