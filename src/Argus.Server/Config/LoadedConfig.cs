using Argus.Config;

namespace Argus.Server.Config;

/// <summary>
/// A configuration that passed validation and may be applied to the components.
/// </summary>
/// <param name="Source">Where it came from: the file path, or <see cref="ConfigSource.EmbeddedName"/>.</param>
/// <param name="Text">The YAML text that was loaded.</param>
/// <param name="Config">The parsed configuration with Prometheus' defaults applied.</param>
public sealed record LoadedConfig(string Source, string Text, PrometheusConfig Config, DateTimeOffset LoadedAt);
