namespace Argus.Notify.Pipeline;

/// <summary>The links Argus puts into notifications, under the external URL (which carries any route prefix).</summary>
public static class NotificationLinks
{
    /// <summary>The path of the signed acknowledgement page, relative to the external URL.</summary>
    public const string AcknowledgePath = "/api/v2/acknowledge";

    /// <summary>The signed acknowledgement link for <paramref name="token"/>.</summary>
    public static string Acknowledge(Uri externalUrl, string token)
    {
        ArgumentNullException.ThrowIfNull(externalUrl);
        ArgumentNullException.ThrowIfNull(token);
        return externalUrl.ToString().TrimEnd('/') + AcknowledgePath + "?token=" + Uri.EscapeDataString(token);
    }
}
