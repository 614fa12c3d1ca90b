namespace Argus.Scrape.Http;

/// <summary>
/// An HTTP request as the push receivers need it, independent of the web server: method, path (below the
/// receiver's mount point), headers (case-insensitive names) and the unread body. The server adapts its
/// own request type to this and mounts the receivers.
/// </summary>
public sealed record ReceiverRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, Stream Body)
{
    /// <summary>A header's value, or null.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    /// <summary>Builds a request with case-insensitive header names.</summary>
    public static ReceiverRequest Create(string method, string path, Stream body, params (string Name, string Value)[] headers)
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in headers)
        {
            map[name] = value;
        }
        return new ReceiverRequest(method, path, map, body);
    }
}
