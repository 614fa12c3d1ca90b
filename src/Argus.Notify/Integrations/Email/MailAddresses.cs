namespace Argus.Notify.Integrations.Email;

/// <summary>The bare addresses of an address-list header value (<c>a@x, "B, C" &lt;b@x&gt;</c>) for the SMTP envelope.</summary>
internal static class MailAddresses
{
    /// <exception cref="NotifyException">An entry has no address (not retryable: the configuration is wrong).</exception>
    public static List<string> Parse(string list, string field)
    {
        var result = new List<string>();
        foreach (var entry in SplitTopLevel(list))
        {
            var trimmed = entry.Trim();
            if (trimmed.Length == 0)
            {
                continue;
            }
            var open = trimmed.LastIndexOf('<');
            var address = open >= 0 && trimmed.EndsWith('>') ? trimmed[(open + 1)..^1].Trim() : trimmed;
            var at = address.LastIndexOf('@');
            if (at <= 0 || at == address.Length - 1 || address.Any(c => char.IsWhiteSpace(c) || c is '<' or '>' or '"'))
            {
                throw new NotifyException($"email: invalid address \"{trimmed}\" in {field}", retryable: false);
            }
            result.Add(address);
        }
        if (result.Count == 0)
        {
            throw new NotifyException($"email: no address in {field} \"{list}\"", retryable: false);
        }
        return result;
    }

    /// <summary>Splits at commas that are outside quoted display names and angle brackets.</summary>
    private static IEnumerable<string> SplitTopLevel(string list)
    {
        var start = 0;
        var quoted = false;
        var angle = false;
        for (var i = 0; i < list.Length; i++)
        {
            switch (list[i])
            {
                case '"': quoted = !quoted; break;
                case '<' when !quoted: angle = true; break;
                case '>' when !quoted: angle = false; break;
                case ',' when !quoted && !angle:
                    yield return list[start..i];
                    start = i + 1;
                    break;
            }
        }
        yield return list[start..];
    }
}
