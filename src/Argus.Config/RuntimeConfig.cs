namespace Argus.Config;

/// <summary>The <c>runtime</c> section. Prometheus tunes Go's GC with <c>gogc</c>; Argus accepts
/// and validates the value (the .NET GC has no equivalent knob) so configs stay portable.</summary>
public sealed class RuntimeConfig
{
    public const int DefaultGoGc = 75;

    public int GoGc { get; init; } = DefaultGoGc;

    public static RuntimeConfig Default { get; } = new();

    internal static RuntimeConfig Read(Yaml.YamlMap map)
    {
        var gogc = map.Int32("gogc");
        map.EnsureAllRead();
        return new RuntimeConfig { GoGc = gogc is null or 0 ? DefaultGoGc : gogc.Value };
    }
}
