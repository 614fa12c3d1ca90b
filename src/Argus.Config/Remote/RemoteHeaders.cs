namespace Argus.Config.Remote;

/// <summary>Validation of the custom <c>headers</c> of remote write/read and tracing.</summary>
internal static class RemoteHeaders
{
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "host", "content-encoding", "content-length", "content-type", "user-agent", "connection",
        "keep-alive", "proxy-authenticate", "proxy-authorization", "www-authenticate", "accept-encoding",
        "x-prometheus-remote-write-version", "x-prometheus-remote-read-version",
        "x-amz-date", "x-amz-security-token", "x-amz-content-sha256",
    };

    public static IReadOnlyList<KeyValuePair<string, string>> Read(Yaml.YamlMap map, string authorizationMessage)
    {
        var headers = map.StringMap("headers") ?? [];
        foreach (var (name, _) in headers)
        {
            if (string.Equals(name, "authorization", StringComparison.OrdinalIgnoreCase))
            {
                throw map.ErrorAt("headers", authorizationMessage);
            }
            if (Reserved.Contains(name))
            {
                throw map.ErrorAt("headers", $"{name} is a reserved header. It must not be changed");
            }
        }
        return headers;
    }
}
