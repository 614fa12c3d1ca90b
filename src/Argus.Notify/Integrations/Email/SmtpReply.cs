namespace Argus.Notify.Integrations.Email;

/// <summary>One SMTP reply: its three-digit code and its text lines (without the code and separator).</summary>
internal sealed record SmtpReply(int Code, IReadOnlyList<string> Lines)
{
    public string Text => string.Join(" / ", Lines);

    /// <summary>4xx replies are temporary failures by definition (RFC 5321, 4.2.1); 5xx are permanent.</summary>
    public bool IsTransient => Code is >= 400 and < 500;
}
