using System.Globalization;
using System.Text;
using System.Text.Json;
using Argus.Alerting.Config.Receivers;
using Argus.Notify.Integrations.Http;

namespace Argus.Notify.Integrations.Phone;

/// <summary>
/// <c>provider: aliyun</c>: one signed RPC request per number to Alibaba Cloud — Dysms <c>SendSms</c> (sign name,
/// template code, template parameters) for SMS, Dyvms <c>SingleCallByTts</c> (TTS template, called show number from
/// <c>from</c>, play times, volume, speed) for calls. The template parameters are <c>template_param</c> rendered over
/// <see cref="PhoneTemplateData"/> and must be a JSON object. The answer's <c>Code</c> is <c>OK</c> on success;
/// throttling codes and 5xx are retried, every other code fails for good.
/// </summary>
public sealed class AliyunPhoneNotifier : PhoneNotifier
{
    /// <summary>Codes that mean "too many requests now": the message may pass later.</summary>
    private static readonly HashSet<string> ThrottlingCodes =
        ["Throttling", "Throttling.User", "Throttling.Api", "ServiceUnavailable", "isv.BUSINESS_LIMIT_CONTROL", "isp.RAM_PERMISSION_DENY.THROTTLING"];

    public AliyunPhoneNotifier(PhoneGatewayConfig config, HttpClient client, PhoneContext context)
        : base(config, client, context)
    {
    }

    private AliyunSettings Aliyun => Config.Aliyun!;

    private protected override bool PerRecipient => true;

    private protected override async Task SendAsync(PhoneMessage message, IReadOnlyList<string> numbers, CancellationToken cancellationToken)
    {
        var secret = ConfigValues.SecretOrFile(Aliyun.AccessKeySecret, Aliyun.AccessKeySecretFile, "aliyun access_key_secret") ?? string.Empty;
        var parameters = Parameters(message, numbers[0], Context.Time.GetUtcNow(), Guid.NewGuid().ToString());
        parameters.Add(new("Signature", AliyunSignature.Sign("POST", parameters, secret)));
        var url = Aliyun.ApiUrl.Absolute ?? ConfigValues.AbsoluteUrl(Aliyun.ApiUrl.Text, "aliyun api_url");
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(FormBody(parameters), Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        var exchange = await HttpDelivery.ExchangeAsync(Client, request, Integration, Config.Timeout, cancellationToken).ConfigureAwait(false);
        var code = JsonBodies.ReadString(exchange.Body, "Code");
        if (exchange.IsSuccess && code == "OK")
        {
            return;
        }
        var retryable = exchange.Status >= 500 || (code is not null && ThrottlingCodes.Contains(code));
        var details = code is null ? null : $"{code}: {JsonBodies.ReadString(exchange.Body, "Message")}";
        throw HttpDelivery.Failure(exchange, request, Integration, retryable, details);
    }

    /// <summary>The action's parameters for <paramref name="number"/>, without the signature.</summary>
    internal List<KeyValuePair<string, string>> Parameters(PhoneMessage message, string number, DateTimeOffset now, string nonce)
    {
        var param = message.Templates.Expand("template_param", Aliyun.TemplateParam, TemplateData(message, [number]));
        try
        {
            using var doc = JsonDocument.Parse(param);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new NotifyException($"{Integration}: aliyun template_param must render a JSON object, not {doc.RootElement.ValueKind}: {param}", retryable: false);
            }
        }
        catch (JsonException ex)
        {
            throw new NotifyException($"{Integration}: aliyun template_param does not render JSON: {ex.Message}: {param}", retryable: false, ex);
        }
        var parameters = new List<KeyValuePair<string, string>>
        {
            new("AccessKeyId", Aliyun.AccessKeyId),
            new("Format", "JSON"),
            new("RegionId", Aliyun.RegionId),
            new("SignatureMethod", "HMAC-SHA1"),
            new("SignatureNonce", nonce),
            new("SignatureVersion", "1.0"),
            new("Timestamp", now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
            new("Version", "2017-05-25"),
        };
        if (Config.IsVoice)
        {
            parameters.Add(new("Action", "SingleCallByTts"));
            parameters.Add(new("CalledNumber", number));
            if (Config.From is { } from)
            {
                parameters.Add(new("CalledShowNumber", from));
            }
            parameters.Add(new("TtsCode", Aliyun.TemplateCode));
            parameters.Add(new("TtsParam", param));
            if (Aliyun.PlayTimes > 0)
            {
                parameters.Add(new("PlayTimes", Aliyun.PlayTimes.ToString(CultureInfo.InvariantCulture)));
            }
            if (Aliyun.Volume is { } volume)
            {
                parameters.Add(new("Volume", volume.ToString(CultureInfo.InvariantCulture)));
            }
            if (Aliyun.Speed is { } speed)
            {
                parameters.Add(new("Speed", speed.ToString(CultureInfo.InvariantCulture)));
            }
        }
        else
        {
            parameters.Add(new("Action", "SendSms"));
            parameters.Add(new("PhoneNumbers", number));
            parameters.Add(new("SignName", Aliyun.SignName!));
            parameters.Add(new("TemplateCode", Aliyun.TemplateCode));
            parameters.Add(new("TemplateParam", param));
        }
        return parameters;
    }

    /// <summary>The form body: the signed parameters, percent-encoded as they were signed.</summary>
    private static string FormBody(IReadOnlyList<KeyValuePair<string, string>> parameters) =>
        AliyunSignature.CanonicalizedQuery(parameters) + "&Signature=" + Rfc3986.Encode(parameters.Single(p => p.Key == "Signature").Value);
}
