using System.Text.RegularExpressions;

namespace Argus.Config.Discovery;

/// <summary><c>file_sd_configs</c> entry: files (globs allowed in the last path element) holding
/// target groups, re-read every <see cref="RefreshInterval"/> (default 5m).</summary>
public sealed partial class FileSdConfig
{
    public static readonly TimeSpan DefaultRefreshInterval = TimeSpan.FromMinutes(5);

    /// <summary>File patterns, resolved against the configuration file's directory.</summary>
    public IReadOnlyList<string> Files { get; init; } = [];

    public TimeSpan RefreshInterval { get; init; } = DefaultRefreshInterval;

    internal static FileSdConfig Read(ConfigContext context, Yaml.YamlMap map)
    {
        var files = map.StringList("files") ?? [];
        var refresh = map.Duration("refresh_interval", DefaultRefreshInterval);
        map.EnsureAllRead();
        if (files.Count == 0)
        {
            throw map.Error("file service discovery config must contain at least one path name");
        }
        foreach (var file in files)
        {
            if (!FilePattern().IsMatch(file))
            {
                throw map.ErrorAt("files", $"path name \"{file}\" is not valid for file discovery");
            }
        }
        return new FileSdConfig { Files = files.Select(context.ResolvePath).ToList(), RefreshInterval = refresh };
    }

    [GeneratedRegex(@"^[^*]*(\*[^/]*)?\.(json|yml|yaml|JSON|YML|YAML)$")]
    private static partial Regex FilePattern();
}
