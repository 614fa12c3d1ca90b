using Argus.Config;

namespace Argus.Alerting.Config.Receivers;

/// <summary>
/// The <c>twilio</c> section of an SMS or voice entry: the account and its auth token (HTTP basic auth; the token
/// inline or from a file), the API base URL, and for SMS an optional messaging service instead of a sender number;
/// for calls the <c>&lt;Say&gt;</c> voice and language.
/// </summary>
public sealed class TwilioSettings
{
    public static readonly ConfigUrl DefaultApiUrl = ConfigUrl.Parse("https://api.twilio.com/");

    public required string AccountSid { get; init; }

    public Secret? AuthToken { get; init; }

    public string? AuthTokenFile { get; init; }

    /// <summary>Base URL of the REST API (default <c>https://api.twilio.com/</c>).</summary>
    public ConfigUrl ApiUrl { get; init; } = DefaultApiUrl;

    /// <summary>SMS: send through this messaging service (<c>MessagingServiceSid</c>) rather than from a number.</summary>
    public string? MessagingServiceSid { get; init; }

    /// <summary>Calls: the voice attribute of <c>&lt;Say&gt;</c> (e.g. <c>alice</c>, <c>Polly.Joanna</c>).</summary>
    public string? Voice { get; init; }

    /// <summary>Calls: the language attribute of <c>&lt;Say&gt;</c> (e.g. <c>en-US</c>).</summary>
    public string? Language { get; init; }

    /// <summary>Calls: how many times the message is read (the <c>loop</c> attribute; 0 = Twilio's default of once).</summary>
    public int Loop { get; init; }
}
