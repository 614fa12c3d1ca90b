using Argus.Alerting.Alerts;

namespace Argus.Alerting.Groups;

/// <summary>
/// The short, stable id of an aggregation group that the API and acknowledgement links use: FNV-1a 64 of the
/// group key (<c>routeKey:groupLabels</c>) as 16 lower-case hex digits. It depends only on the key, so it is the
/// same across restarts and reloads that keep the route.
/// </summary>
public static class GroupId
{
    public static string Of(string groupKey)
    {
        ArgumentNullException.ThrowIfNull(groupKey);
        return Fnv64.Add(Fnv64.Offset, groupKey).ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Whether <paramref name="text"/> has the form of a group id (16 lower-case hex digits).</summary>
    public static bool IsWellFormed(string? text) => text is { Length: 16 } && text.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}
