using Argus.Alerting.Inhibit;
using Argus.Alerting.Routing;
using Argus.Alerting.TimeIntervals;

namespace Argus.Alerting.Config;

/// <summary>
/// A loaded and validated Alertmanager configuration: every receiver referenced by the route tree
/// exists, every time interval name used by a route is defined, and receivers carry their effective
/// settings (global defaults applied). Produced by <see cref="AlertmanagerConfigLoader"/>.
/// </summary>
/// <remarks>Immutable after loading; safe to share between threads.</remarks>
public sealed class AlertmanagerConfig
{
    public required GlobalConfig Global { get; init; }

    /// <summary>The routing tree with inherited settings applied.</summary>
    public required Route Route { get; init; }

    /// <summary>The <c>route</c> section as written (no inheritance).</summary>
    public required RouteConfig RouteConfig { get; init; }

    public IReadOnlyList<InhibitRule> InhibitRules { get; init; } = [];

    public IReadOnlyList<Receiver> Receivers { get; init; } = [];

    /// <summary>Template file globs, resolved against the configuration file's directory.</summary>
    public IReadOnlyList<string> Templates { get; init; } = [];

    /// <summary><c>time_intervals</c> and the deprecated <c>mute_time_intervals</c>, by name.</summary>
    public IReadOnlyDictionary<string, NamedTimeInterval> TimeIntervals { get; init; } = new Dictionary<string, NamedTimeInterval>();

    /// <summary>The <c>tracing</c> section, or null when absent.</summary>
    public TracingConfig? Tracing { get; init; }

    /// <summary>The file's text.</summary>
    public string Original { get; init; } = string.Empty;

    /// <summary>The file's text without Argus's route extensions (<see cref="ArgusRouteExtensions"/>), as the API's
    /// <c>config.original</c> shows it so that amtool, which parses it strictly, accepts it.</summary>
    public string AlertmanagerText => _alertmanagerText ??= ArgusRouteExtensions.Strip(Original);

    private string? _alertmanagerText;

    /// <summary>The receiver named <paramref name="name"/>, or null.</summary>
    public Receiver? FindReceiver(string name) => Receivers.FirstOrDefault(r => r.Name == name);
}
