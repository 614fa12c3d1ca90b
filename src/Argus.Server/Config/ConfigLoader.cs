using Argus.Config;

namespace Argus.Server.Config;

/// <summary>
/// Reads a configuration from its <see cref="ConfigSource"/> and validates it with
/// <see cref="PrometheusConfigLoader"/> (Prometheus 3 semantics: strict fields, defaults, imports).
/// </summary>
/// <remarks>Stateless and thread-safe.</remarks>
public static class ConfigLoader
{
    /// <summary>Loads from <paramref name="source"/>; throws <see cref="ConfigException"/> with a
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
            throw new ConfigException($"{source.Name}: cannot read configuration: {ex.Message}", ex) { FileName = source.Name };
        }
        return Parse(text, source.Name, source.BaseDirectory, time.GetUtcNow());
    }

    /// <summary>Validates <paramref name="text"/>; relative paths in it resolve against <paramref name="baseDirectory"/>.</summary>
    public static LoadedConfig Parse(string text, string fileName, string? baseDirectory, DateTimeOffset loadedAt)
    {
        var config = PrometheusConfigLoader.Load(text, fileName, baseDirectory);
        return new LoadedConfig(fileName, text, config, loadedAt);
    }
}
