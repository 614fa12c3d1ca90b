namespace Argus.Alerting.Groups;

/// <summary>The outcome of checking a signed acknowledgement token's form and signature.</summary>
public enum AcknowledgementTokenCheck
{
    /// <summary>Signed with this alert manager's key; the group id and firing-set digest can be trusted.</summary>
    Valid,

    /// <summary>Not a token at all (wrong encoding or length).</summary>
    Malformed,

    /// <summary>Well-formed but not signed with this alert manager's key (altered, or from elsewhere).</summary>
    BadSignature,
}
