namespace Argus.Web.Hosting;

/// <summary>
/// Derives the external URL and route prefix the way Prometheus does: without
/// <c>--web.external-url</c> the URL is <c>http://&lt;hostname&gt;:&lt;port&gt;/</c>; the route prefix
/// defaults to the URL's path; both are normalised to a leading and no trailing slash.
/// </summary>
public static class WebUrls
{
    public static Uri ComputeExternalUrl(string? externalUrl, ListenAddress listenAddress)
    {
        if (string.IsNullOrEmpty(externalUrl))
        {
            var host = System.Net.Dns.GetHostName();
            return new Uri($"http://{host}:{listenAddress.Port}/");
        }
        if (externalUrl.StartsWith('"') || externalUrl.StartsWith('\'') || externalUrl.EndsWith('"') || externalUrl.EndsWith('\''))
        {
            throw new FormatException($"URL \"{externalUrl}\" must not begin or end with quotes");
        }
        if (!Uri.TryCreate(externalUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new FormatException($"\"{externalUrl}\" is not an absolute http or https URL");
        }
        var builder = new UriBuilder(uri) { Path = NormalisePath(uri.AbsolutePath) };
        return builder.Uri;
    }

    /// <summary>The route prefix: the flag when given, else the external URL's path; always "/" or "/x/y".</summary>
    public static string ComputeRoutePrefix(string? routePrefix, Uri externalUrl)
    {
        var prefix = string.IsNullOrEmpty(routePrefix) ? externalUrl.AbsolutePath : routePrefix;
        return NormalisePath(prefix);
    }

    private static string NormalisePath(string path)
    {
        var trimmed = path.Trim('/');
        return trimmed.Length == 0 ? "/" : "/" + trimmed;
    }
}
