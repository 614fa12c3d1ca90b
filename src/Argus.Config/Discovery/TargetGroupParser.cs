using Argus.Config.Yaml;

namespace Argus.Config.Discovery;

/// <summary>
/// Parses target groups outside a configuration file: the files <c>file_sd_configs</c> reads (a
/// list of <c>{targets, labels}</c> groups, as YAML or JSON by extension) and single groups.
/// Strict like the configuration: unknown keys and invalid label names are errors with places.
/// </summary>
public static class TargetGroupParser
{
    /// <summary>Parses a file_sd file. The extension decides the format: <c>.json</c>, <c>.yml</c>
    /// or <c>.yaml</c> (any other is an error). Each group's source is <c>fileName:index</c>.</summary>
    /// <exception cref="ConfigException">The content or the extension is invalid.</exception>
    public static IReadOnlyList<TargetGroup> ParseFile(string text, string fileName)
    {
        var extension = Path.GetExtension(fileName);
        if (extension is not (".json" or ".yml" or ".yaml"))
        {
            throw new ConfigException($"{fileName}: invalid file extension: \"{extension}\"") { FileName = fileName };
        }
        // JSON is a subset of YAML's flow style, so one strict reader serves both formats.
        var source = YamlSource.Parse(text, fileName);
        if (source.Root is null)
        {
            return [];
        }
        var index = 0;
        return source.Sequence(source.Root, "[]*targetgroup.Group")
            .Select(node => YamlSource.IsNull(node)
                ? throw source.Error(node, "nil target group item found")
                : TargetGroup.Read(source, node, $"{fileName}:{index++}"))
            .ToList();
    }

    /// <summary>Parses a single target group (one <c>static_configs</c> entry).</summary>
    public static TargetGroup ParseGroup(string text, string fileName)
    {
        var source = YamlSource.Parse(text, fileName);
        if (source.Root is null)
        {
            return new TargetGroup { Source = fileName };
        }
        return TargetGroup.Read(source, source.Root, fileName);
    }
}
