using System.Net.Http.Headers;
using System.Security;
using System.Text;
using System.Text.Json;
using Argus.Alerting.Config.Receivers;
using Argus.Notify.Integrations.Http;

namespace Argus.Notify.Integrations.Phone;

/// <summary>
/// <c>provider: twilio</c>: one request per number to Twilio's REST API with the account SID and auth token as HTTP
/// basic credentials. SMS: <c>POST /2010-04-01/Accounts/{sid}/Messages.json</c> with <c>To</c>, <c>From</c> (or
/// <c>MessagingServiceSid</c>) and <c>Body</c> (cut at Twilio's 1600 characters). Calls:
/// <c>POST …/Calls.json</c> with <c>To</c>, <c>From</c> and inline TwiML that reads the message with
/// <c>&lt;Say&gt;</c>. Form-encoded; 5xx and 429 are retried, other errors carry Twilio's code and message.
/// </summary>
public sealed class TwilioPhoneNotifier : PhoneNotifier
{
    private const int MaxSmsRunes = 1600;

    /// <summary>Twilio rejects a TwiML document over 4000 characters; the envelope is counted separately.</summary>
    private const int MaxTwimlChars = 4000;

    private static readonly HttpRetryPolicy Retry = HttpRetryPolicy.ServerErrorsAnd(429);

    public TwilioPhoneNotifier(PhoneGatewayConfig config, HttpClient client, PhoneContext context)
        : base(config, client, context)
    {
    }

    private TwilioSettings Twilio => Config.Twilio!;

    private protected override bool PerRecipient => true;

    private protected override async Task SendAsync(PhoneMessage message, IReadOnlyList<string> numbers, CancellationToken cancellationToken)
    {
        var resource = Config.IsVoice ? "Calls.json" : "Messages.json";
        var url = ConfigValues.AbsoluteUrl(
            $"{Twilio.ApiUrl.Text.TrimEnd('/')}/2010-04-01/Accounts/{Uri.EscapeDataString(Twilio.AccountSid)}/{resource}", "twilio api_url");
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(Form(message.Text, numbers[0])) };
        var token = ConfigValues.SecretOrFile(Twilio.AuthToken, Twilio.AuthTokenFile, "twilio auth_token") ?? string.Empty;
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Twilio.AccountSid + ":" + token)));
        await HttpDelivery.SendExplainedAsync(Client, request, Integration, Config.Timeout, Retry, e => ErrorDetails(e.Body), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The form parameters of the message or call to <paramref name="number"/>.</summary>
    internal IReadOnlyList<KeyValuePair<string, string>> Form(string text, string number)
    {
        var form = new List<KeyValuePair<string, string>> { new("To", number) };
        if (Config.From is { } from)
        {
            form.Add(new("From", from));
        }
        else
        {
            form.Add(new("MessagingServiceSid", Twilio.MessagingServiceSid!));
        }
        form.Add(Config.IsVoice ? new("Twiml", Twiml(text)) : new("Body", TextLimits.InRunes(text, MaxSmsRunes)));
        return form;
    }

    /// <summary><c>&lt;Response&gt;&lt;Say …&gt;text&lt;/Say&gt;&lt;/Response&gt;</c> with the text XML-escaped.</summary>
    internal string Twiml(string text)
    {
        var attributes = new StringBuilder();
        if (Twilio.Voice is { } voice)
        {
            attributes.Append(" voice=\"").Append(SecurityElement.Escape(voice)).Append('"');
        }
        if (Twilio.Language is { } language)
        {
            attributes.Append(" language=\"").Append(SecurityElement.Escape(language)).Append('"');
        }
        if (Twilio.Loop > 0)
        {
            attributes.Append(" loop=\"").Append(Twilio.Loop).Append('"');
        }
        var open = $"<Response><Say{attributes}>";
        const string Close = "</Say></Response>";
        var say = SecurityElement.Escape(text);
        if (open.Length + say.Length + Close.Length > MaxTwimlChars)
        {
            // Cut the text, not its escapes: whole escaped runes up to the budget, then "…".
            var budget = MaxTwimlChars - open.Length - Close.Length - 1;
            var cut = new StringBuilder();
            foreach (var rune in text.EnumerateRunes())
            {
                var escaped = SecurityElement.Escape(rune.ToString());
                if (cut.Length + escaped.Length > budget)
                {
                    break;
                }
                cut.Append(escaped);
            }
            say = cut.Append('…').ToString();
        }
        return open + say + Close;
    }

    /// <summary>Twilio's error answer <c>{"code", "message", "more_info", "status"}</c> as "code: message".</summary>
    private static string? ErrorDetails(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            return root.ValueKind == JsonValueKind.Object && root.TryGetProperty("message", out var m)
                ? (root.TryGetProperty("code", out var c) ? c + ": " : string.Empty) + m.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
