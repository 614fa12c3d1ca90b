namespace Argus.Config;

/// <summary>
/// A URL from a configuration file, kept exactly as written (<see cref="Text"/>) together with its
/// parsed form. Like Go's <c>url.Parse</c> it accepts relative references when asked to; callers
/// that need a scheme and host (remote write, HTTP SD) check <see cref="Scheme"/>/<see cref="Host"/>.
/// </summary>
public sealed record ConfigUrl
{
    private ConfigUrl(string text, Uri? absolute)
    {
        Text = text;
        Absolute = absolute;
    }

    /// <summary>The URL as written in the file.</summary>
    public string Text { get; }

    /// <summary>The parsed absolute URL, or null for a relative reference.</summary>
    public Uri? Absolute { get; }

    /// <summary>Lower-case scheme, or "" for a relative reference.</summary>
    public string Scheme => Absolute?.Scheme ?? string.Empty;

    /// <summary>Host (without port), or "" when there is none.</summary>
    public string Host => Absolute?.Host ?? string.Empty;

    public static bool TryParse(string text, bool requireAbsolute, out ConfigUrl url, out string? error)
    {
        url = null!;
        error = null;
        foreach (var c in text)
        {
            if (c < 0x20 || c == 0x7f)
            {
                error = $"parse \"{text}\": net/url: invalid control character in URL";
                return false;
            }
        }
        // On Unix System.Uri reads "/path" as a file URL; a URL in a config file never means that.
        var looksAbsolute = text.Contains("://", StringComparison.Ordinal) || (text.IndexOf(':') > 0 && !text.StartsWith('/'));
        if (looksAbsolute && Uri.TryCreate(text, UriKind.Absolute, out var absolute))
        {
            url = new ConfigUrl(text, absolute);
            return true;
        }
        if (looksAbsolute && !requireAbsolute && text.Contains("://", StringComparison.Ordinal))
        {
            error = $"parse \"{text}\": invalid URL";
            return false;
        }
        if (requireAbsolute)
        {
            error = text.Length == 0 ? "URL is empty" : $"parse \"{text}\": URL must be absolute with a scheme and host";
            return false;
        }
        if (!Uri.TryCreate(text, UriKind.Relative, out _))
        {
            error = $"parse \"{text}\": invalid URL";
            return false;
        }
        url = new ConfigUrl(text, null);
        return true;
    }

    public static ConfigUrl Parse(string text, bool requireAbsolute = true) =>
        TryParse(text, requireAbsolute, out var url, out var error) ? url : throw new FormatException(error);

    public override string ToString() => Text;
}
