using System.Reflection;

namespace Argus.Server.Config;

/// <summary>
/// Where the configuration comes from: the file named by <c>--config.file</c>, re-read on every
/// reload, or the embedded default rendered for the address Argus actually listens on.
/// </summary>
public sealed class ConfigSource
{
    public const string EmbeddedName = "<embedded default config>";

    private const string ResourceName = "Argus.Server.DefaultConfig.argus.yml";

    private readonly string? _path;
    private readonly Func<string>? _selfTarget;
    private readonly string _routePrefix;

    private ConfigSource(string? path, Func<string>? selfTarget, string routePrefix)
    {
        _path = path;
        _selfTarget = selfTarget;
        _routePrefix = routePrefix;
    }

    /// <summary>The configuration file at <paramref name="path"/>.</summary>
    public static ConfigSource FromFile(string path) => new(path, null, "/");

    /// <summary>The embedded default; <paramref name="selfTarget"/> gives Argus's own <c>host:port</c>
    /// when the configuration is read (after the listener is bound, so port 0 resolves).</summary>
    public static ConfigSource Embedded(Func<string> selfTarget, string routePrefix) => new(null, selfTarget, routePrefix);

    public bool IsEmbedded => _path is null;

    /// <summary>The file path, or <see cref="EmbeddedName"/>.</summary>
    public string Name => _path ?? EmbeddedName;

    /// <summary>Directory relative paths in the configuration are resolved against.</summary>
    public string BaseDirectory => _path is null ? Directory.GetCurrentDirectory() : Path.GetDirectoryName(Path.GetFullPath(_path)) ?? ".";

    /// <summary>Reads the YAML text. Throws <see cref="IOException"/> (or a subclass) naming the file when it cannot be read.</summary>
    public async Task<string> ReadAsync(CancellationToken cancellationToken)
    {
        if (_path is not null)
        {
            return await File.ReadAllTextAsync(_path, cancellationToken).ConfigureAwait(false);
        }
        return RenderEmbedded(_selfTarget!(), _routePrefix);
    }

    /// <summary>The embedded default with its placeholders filled in.</summary>
    public static string RenderEmbedded(string selfTarget, string routePrefix)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"embedded resource {ResourceName} is missing from the build");
        using var reader = new StreamReader(stream);
        var metricsPath = routePrefix.TrimEnd('/') + "/metrics";
        return reader.ReadToEnd()
            .Replace("${ARGUS_SELF_TARGET}", selfTarget, StringComparison.Ordinal)
            .Replace("${ARGUS_METRICS_PATH}", metricsPath, StringComparison.Ordinal)
            .Replace("${ARGUS_PATH_PREFIX}", routePrefix.TrimEnd('/'), StringComparison.Ordinal);
    }
}
