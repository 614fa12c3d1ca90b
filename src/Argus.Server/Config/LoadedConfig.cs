namespace Argus.Server.Config;

/// <summary>
/// A configuration that passed validation and may be applied to the components.
/// </summary>
/// <param name="Source">Where it came from: the file path, or <see cref="ConfigSource.EmbeddedName"/>.</param>
/// <param name="Text">The YAML text that was loaded.</param>
/// <param name="TopLevelKeys">The sections the file sets (e.g. <c>global</c>, <c>scrape_configs</c>).</param>
public sealed record LoadedConfig(string Source, string Text, IReadOnlyList<string> TopLevelKeys, DateTimeOffset LoadedAt);
