using System.Text;
using Argus.Model.Labels;

namespace Argus.Scrape.Pushgateway;

/// <summary>Parses the Pushgateway path <c>job/&lt;job&gt;{/&lt;label&gt;/&lt;value&gt;}</c> (what follows
/// <c>/metrics/</c>), where a name ending in <c>@base64</c> carries a base64url value (padding optional), which is
/// how values containing <c>/</c> or empty values are pushed.</summary>
public static class GroupingKey
{
    private const string Base64Suffix = "@base64";

    /// <summary>Returns the grouping labels, or an error text for a 400 answer.</summary>
    public static (LabelSet? Labels, string? Error) Parse(string path)
    {
        var segments = path.Trim('/').Split('/');
        if (segments.Length < 2 || segments.Length % 2 != 0)
        {
            return (null, "the path must be /metrics/job/<job>{/<label>/<value>}");
        }
        if (segments[0] is not ("job" or "job@base64"))
        {
            return (null, "the grouping key must start with the job label: /metrics/job/<job>");
        }
        var builder = new LabelSetBuilder();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < segments.Length; i += 2)
        {
            var name = Uri.UnescapeDataString(segments[i]);
            var value = Uri.UnescapeDataString(segments[i + 1]);
            if (name.EndsWith(Base64Suffix, StringComparison.Ordinal))
            {
                name = name[..^Base64Suffix.Length];
                if (!TryDecodeBase64Url(value, out value))
                {
                    return (null, $"invalid base64 encoding in the value of label {name}: \"{segments[i + 1]}\"");
                }
            }
            if (!LabelNames.IsValidLegacyName(name) || name.StartsWith(LabelNames.ReservedPrefix, StringComparison.Ordinal))
            {
                return (null, $"invalid label name \"{name}\" in the grouping key");
            }
            if (!names.Add(name))
            {
                return (null, $"label {name} appears twice in the grouping key");
            }
            if (name == LabelNames.Job && value.Length == 0)
            {
                return (null, "job name is required");
            }
            builder.Set(name, value);
        }
        return (builder.Build(), null);
    }

    private static bool TryDecodeBase64Url(string text, out string value)
    {
        value = string.Empty;
        if (text == "=")
        {
            // The Pushgateway convention for an empty value.
            return true;
        }
        var normal = text.Replace('-', '+').Replace('_', '/').TrimEnd('=');
        normal += (normal.Length % 4) switch { 2 => "==", 3 => "=", 0 => string.Empty, _ => "!" };
        var buffer = new byte[normal.Length];
        if (!Convert.TryFromBase64String(normal, buffer, out var written))
        {
            return false;
        }
        try
        {
            value = new UTF8Encoding(false, true).GetString(buffer, 0, written);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
