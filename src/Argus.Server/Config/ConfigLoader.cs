using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Argus.Server.Config;

/// <summary>
/// Reads and validates a configuration. Until the full Prometheus configuration model is wired in,
/// validation covers what every Prometheus configuration must satisfy: well-formed YAML, a mapping at
/// the top, no duplicate keys, and only Prometheus' top-level sections.
/// </summary>
/// <remarks>Stateless and thread-safe.</remarks>
public static class ConfigLoader
{
    private static readonly HashSet<string> KnownSections = new(StringComparer.Ordinal)
    {
        "global", "runtime", "alerting", "rule_files", "scrape_config_files", "scrape_configs",
        "storage", "tracing", "remote_write", "remote_read", "otlp",
    };

    /// <summary>Loads from <paramref name="source"/>; throws <see cref="ConfigLoadException"/> with a
    /// <c>file:line:column: cause</c> message when the configuration is unreadable or invalid.</summary>
    public static async Task<LoadedConfig> LoadAsync(ConfigSource source, TimeProvider time, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = await source.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigLoadException($"{source.Name}: cannot read configuration: {ex.Message}", ex);
        }
        return Parse(text, source.Name, time.GetUtcNow());
    }

    public static LoadedConfig Parse(string text, string fileName, DateTimeOffset loadedAt)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            throw new ConfigLoadException($"{fileName}:{ex.Start.Line}:{ex.Start.Column}: {InnermostMessage(ex)}", ex);
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            // An empty file is a valid configuration with every default, as in Prometheus.
            return new LoadedConfig(fileName, text, [], loadedAt);
        }
        if (stream.Documents.Count > 1)
        {
            var second = stream.Documents[1].RootNode.Start;
            throw new ConfigLoadException($"{fileName}:{second.Line}:{second.Column}: a configuration file must hold a single YAML document");
        }
        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            var start = stream.Documents[0].RootNode.Start;
            throw new ConfigLoadException($"{fileName}:{start.Line}:{start.Column}: the configuration must be a mapping of sections");
        }
        var keys = new List<string>();
        foreach (var (keyNode, _) in root.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? string.Empty;
            if (!KnownSections.Contains(key))
            {
                throw new ConfigLoadException($"{fileName}:{keyNode.Start.Line}:{keyNode.Start.Column}: field {key} not found in type config.plain");
            }
            keys.Add(key);
        }
        return new LoadedConfig(fileName, text, keys, loadedAt);
    }

    private static string InnermostMessage(Exception ex)
    {
        while (ex.InnerException is not null)
        {
            ex = ex.InnerException;
        }
        return ex.Message;
    }
}
