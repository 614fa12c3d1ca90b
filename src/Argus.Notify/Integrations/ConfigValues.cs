using Argus.Config;

namespace Argus.Notify.Integrations;

/// <summary>
/// Values a configuration gives inline or in a file. Files are read at send time, as Alertmanager does, so
/// a rotated secret or URL takes effect without a reload; a file that cannot be read fails the notification
/// without retry, because retrying does not make a missing file appear.
/// </summary>
internal static class ConfigValues
{
    public static string? SecretOrFile(Secret? inline, string? file, string what)
    {
        if (!string.IsNullOrEmpty(file))
        {
            return ReadFile(file, what);
        }
        return inline?.Value;
    }

    public static string UrlOrFile(ConfigUrl? inline, string? file, string what)
    {
        if (!string.IsNullOrEmpty(file))
        {
            return ReadFile(file, what);
        }
        return inline?.Text ?? throw new NotifyException($"no {what} configured", retryable: false);
    }

    public static string ReadFile(string path, string what)
    {
        try
        {
            return File.ReadAllText(path).Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new NotifyException($"reading {what} from {path}: {ex.Message}", retryable: false, ex);
        }
    }

    /// <summary>Parses an absolute http(s) URL that came from a file or a template.</summary>
    public static Uri AbsoluteUrl(string text, string what)
    {
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            return uri;
        }
        throw new NotifyException($"invalid {what} \"{text}\": not an absolute http or https URL", retryable: false);
    }
}
