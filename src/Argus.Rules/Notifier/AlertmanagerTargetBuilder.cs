using Argus.Config.Alerting;
using Argus.Config.Discovery;
using Argus.Config.Relabeling;
using Argus.Model.Labels;

namespace Argus.Rules.Notifier;

/// <summary>
/// Turns the discovered groups of one <c>alertmanagers</c> entry into Alertmanager URLs the way Prometheus does:
/// <c>__scheme__</c> and <c>__alerts_path__</c> start from the entry's scheme and path prefix, group and target
/// labels may override them, <c>relabel_configs</c> run, a missing port becomes 80 or 443 by scheme, and the URL
/// is <c>scheme://__address__ + __alerts_path__</c>.
/// </summary>
public static class AlertmanagerTargetBuilder
{
    /// <summary>The label holding the path alerts are posted to.</summary>
    public const string AlertsPathLabel = "__alerts_path__";

    private const string AlertsEndpoint = "api/v2/alerts";

    public static AlertmanagerTargets Build(AlertmanagerConfig config, IEnumerable<TargetGroup> groups)
    {
        var active = new List<AlertmanagerTarget>();
        var dropped = new List<AlertmanagerTarget>();
        var errors = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var alertsPath = AlertsPath(config.PathPrefix);
        foreach (var group in groups)
        {
            foreach (var target in group.Targets)
            {
                var builder = new LabelSetBuilder()
                    .Set(LabelNames.Scheme, config.Scheme)
                    .Set(AlertsPathLabel, alertsPath);
                foreach (var label in group.Labels.AsSpan())
                {
                    builder.Set(label.Name, label.Value);
                }
                foreach (var label in target.AsSpan())
                {
                    builder.Set(label.Name, label.Value);
                }
                var discovered = builder.Build();
                var relabeled = config.RelabelConfigs.Count == 0 ? discovered : Relabeler.Process(discovered, config.RelabelConfigs);
                if (relabeled is null)
                {
                    if (TryUrl(discovered, out var droppedUrl, out _))
                    {
                        dropped.Add(new AlertmanagerTarget(droppedUrl!, discovered));
                    }
                    continue;
                }
                if (!TryUrl(relabeled, out var url, out var error))
                {
                    errors.Add(error!);
                    continue;
                }
                if (seen.Add(url!.AbsoluteUri))
                {
                    active.Add(new AlertmanagerTarget(url, WithoutMetaLabels(relabeled)));
                }
            }
        }
        return new AlertmanagerTargets(active, dropped, errors);
    }

    /// <summary>The path prefix joined with the API v2 endpoint and cleaned, as Go's <c>path.Join</c> cleans it:
    /// <c>""</c> gives <c>/api/v2/alerts</c>, <c>"/am/"</c> gives <c>/am/api/v2/alerts</c>.</summary>
    public static string AlertsPath(string pathPrefix)
    {
        var segments = new List<string>();
        foreach (var segment in (pathPrefix + "/" + AlertsEndpoint).Split('/'))
        {
            if (segment is "" or ".")
            {
                continue;
            }
            if (segment == "..")
            {
                if (segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                }
                continue;
            }
            segments.Add(segment);
        }
        return "/" + string.Join('/', segments);
    }

    private static bool TryUrl(LabelSet labels, out Uri? url, out string? error)
    {
        url = null;
        var scheme = labels.Get(LabelNames.Scheme);
        var address = labels.Get(LabelNames.Address);
        if (address.Length == 0)
        {
            error = "alertmanager target has no __address__ label";
            return false;
        }
        if (address.Contains('/', StringComparison.Ordinal))
        {
            error = $"\"{address}\" is not a valid hostname";
            return false;
        }
        if (!HasPort(address))
        {
            switch (scheme)
            {
                case "http" or "":
                    address += ":80";
                    break;
                case "https":
                    address += ":443";
                    break;
                default:
                    error = $"invalid scheme: \"{scheme}\"";
                    return false;
            }
        }
        var text = (scheme.Length == 0 ? "http" : scheme) + "://" + address + labels.Get(AlertsPathLabel);
        if (!Uri.TryCreate(text, UriKind.Absolute, out url))
        {
            error = $"invalid Alertmanager URL \"{text}\"";
            return false;
        }
        error = null;
        return true;
    }

    /// <summary>Whether <paramref name="address"/> already names a port: <c>host:port</c> or <c>[v6]:port</c>.</summary>
    private static bool HasPort(string address)
    {
        if (address.StartsWith('['))
        {
            var close = address.IndexOf(']', StringComparison.Ordinal);
            return close > 0 && close + 1 < address.Length && address[close + 1] == ':';
        }
        var colon = address.IndexOf(':', StringComparison.Ordinal);
        // A bare IPv6 address has several colons and no port; Go's SplitHostPort rejects it too.
        return colon >= 0 && colon == address.LastIndexOf(':');
    }

    private static LabelSet WithoutMetaLabels(LabelSet labels)
    {
        var builder = new LabelSetBuilder();
        foreach (var label in labels.AsSpan())
        {
            if (!label.Name.StartsWith(LabelNames.MetaPrefix, StringComparison.Ordinal))
            {
                builder.Set(label.Name, label.Value);
            }
        }
        return builder.Build();
    }
}
