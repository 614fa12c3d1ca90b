using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Argus.Config.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Argus.Alerting.Config.Receivers;

/// <summary>
/// Free-form configuration values (PagerDuty <c>details</c>, Jira <c>fields</c>): YAML decoded the way Go's
/// yaml.v2 decodes into <c>any</c> (plain scalars become numbers, booleans or null where they look like
/// them; quoted scalars stay strings) and held as JSON nodes, ready to be expanded and sent. Also parses
/// the text a template produced, because Alertmanager turns a rendered value that reads as YAML (a JSON
/// list from <c>toJson</c>, a number) into that structure.
/// </summary>
public static class FreeformValues
{
    /// <summary>The value of a YAML node; a null node is JSON null. Mapping keys are kept as their text.</summary>
    public static JsonNode? FromYaml(YamlNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        switch (node)
        {
            case YamlMappingNode mapping:
                var obj = new JsonObject();
                foreach (var (key, value) in mapping.Children)
                {
                    obj[KeyText(key)] = FromYaml(value);
                }
                return obj;
            case YamlSequenceNode sequence:
                return new JsonArray([.. sequence.Children.Select(FromYaml)]);
            case YamlScalarNode scalar:
                return Scalar(scalar);
            default:
                return null;
        }
    }

    /// <summary>
    /// Parses text a template rendered: JSON first (what <c>toJson</c> writes), else one YAML document.
    /// Returns false when the text is neither (it then stays a plain string); empty text is null.
    /// </summary>
    public static bool TryParse(string text, out JsonNode? value)
    {
        ArgumentNullException.ThrowIfNull(text);
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }
        try
        {
            value = JsonNode.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            // Not JSON; YAML is the wider language.
        }
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count != 1)
            {
                return stream.Documents.Count == 0;
            }
            value = FromYaml(stream.Documents[0].RootNode);
            return true;
        }
        catch (YamlException)
        {
            return false;
        }
    }

    private static string KeyText(YamlNode key) => key is YamlScalarNode s ? s.Value ?? string.Empty : key.ToString();

    /// <summary>yaml.v2's resolution of a scalar: tagged and quoted scalars are strings, plain ones may be null, bool, int or float.</summary>
    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;
        if (YamlSource.IsNull(scalar))
        {
            return null;
        }
        if (!scalar.Tag.IsEmpty || scalar.Style != ScalarStyle.Plain)
        {
            return JsonValue.Create(text);
        }
        switch (text)
        {
            case "true" or "True" or "TRUE" or "yes" or "Yes" or "YES" or "on" or "On" or "ON" or "y" or "Y":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE" or "no" or "No" or "NO" or "off" or "Off" or "OFF" or "n" or "N":
                return JsonValue.Create(false);
        }
        var digits = text.Replace("_", string.Empty, StringComparison.Ordinal);
        if (long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }
        if (digits.StartsWith("0x", StringComparison.Ordinal) && long.TryParse(digits.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
        {
            return JsonValue.Create(hex);
        }
        if (LooksLikeFloat(digits) && double.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && double.IsFinite(real))
        {
            return JsonValue.Create(real);
        }
        return JsonValue.Create(text);
    }

    /// <summary>YAML 1.1 floats: digits with a point and/or an exponent (not words like "Infinity").</summary>
    private static bool LooksLikeFloat(string text)
    {
        var sawDigit = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiDigit(c))
            {
                sawDigit = true;
            }
            else if (!(c is '.' or 'e' or 'E' || (c is '+' or '-' && (i == 0 || text[i - 1] is 'e' or 'E'))))
            {
                return false;
            }
        }
        return sawDigit;
    }
}
