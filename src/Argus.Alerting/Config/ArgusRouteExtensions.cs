using YamlDotNet.RepresentationModel;

namespace Argus.Alerting.Config;

/// <summary>
/// The route fields Argus adds to Alertmanager's format (<c>escalation</c>, <c>repeat_interval_growth</c>,
/// <c>max_repeat_interval</c>, <c>silence_notifications</c>), and the configuration text without them.
/// amtool reads the configuration back from <c>GET /api/v2/status</c> and parses it as strictly as
/// Alertmanager does, so the API shows it a text it accepts; Argus itself always loads the full file.
/// </summary>
public static class ArgusRouteExtensions
{
    /// <summary>The route keys that only Argus knows.</summary>
    public static readonly IReadOnlyList<string> Keys = ["escalation", "repeat_interval_growth", "max_repeat_interval", "silence_notifications"];

    /// <summary>
    /// <paramref name="yaml"/> with the Argus-only keys removed from every route. Text that uses none of them is
    /// returned unchanged (comments and layout included); otherwise the document is written out again.
    /// </summary>
    public static string Strip(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        if (!Keys.Any(k => yaml.Contains(k, StringComparison.Ordinal)))
        {
            return yaml;
        }
        var stream = new YamlStream();
        using (var reader = new StringReader(yaml))
        {
            stream.Load(reader);
        }
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root ||
            !root.Children.TryGetValue(new YamlScalarNode("route"), out var route) || !StripRoute(route))
        {
            return yaml;
        }
        using var writer = new StringWriter();
        stream.Save(writer, assignAnchors: false);
        var text = writer.ToString();
        // YamlDotNet ends the document with an explicit "..." marker that hand-written files never have.
        return text.EndsWith("...\n", StringComparison.Ordinal) ? text[..^4] : text;
    }

    private static bool StripRoute(YamlNode node)
    {
        if (node is not YamlMappingNode route)
        {
            return false;
        }
        var changed = false;
        foreach (var key in Keys)
        {
            changed |= route.Children.Remove(new YamlScalarNode(key));
        }
        if (route.Children.TryGetValue(new YamlScalarNode("routes"), out var children) && children is YamlSequenceNode list)
        {
            foreach (var child in list)
            {
                changed |= StripRoute(child);
            }
        }
        return changed;
    }
}
