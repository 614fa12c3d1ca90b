using Argus.Config.Yaml;

namespace Argus.Config;

/// <summary>
/// What the readers of one configuration file share: the parsed file (for error places) and the
/// directory relative file paths are resolved against (null: keep paths as written). Other
/// configuration formats (Alertmanager's) create one to reuse the shared section readers such as
/// <see cref="Http.HttpClientConfig.Read"/> and <see cref="Relabeling.RelabelConfig.Read"/>.
/// </summary>
public sealed class ConfigContext
{
    public ConfigContext(YamlSource source, string? directory)
    {
        Source = source;
        Directory = directory;
    }

    public YamlSource Source { get; }

    public string? Directory { get; }

    /// <summary>Joins a relative path with <see cref="Directory"/>, as Prometheus' <c>JoinDir</c>
    /// does: empty and absolute paths stay as they are.</summary>
    public string ResolvePath(string path) =>
        Directory is null || path.Length == 0 || Path.IsPathRooted(path) ? path : Path.Combine(Directory, path);

    public string? ResolvePathOrNull(string? path) => path is null ? null : ResolvePath(path);
}
