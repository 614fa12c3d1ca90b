namespace Argus.Config.Http;

/// <summary>One entry of <c>http_headers</c>: values sent as they are, secret values, and files
/// whose content is sent.</summary>
public sealed class HttpHeaderValues
{
    public IReadOnlyList<string> Values { get; init; } = [];

    public IReadOnlyList<Secret> Secrets { get; init; } = [];

    public IReadOnlyList<string> Files { get; init; } = [];
}
