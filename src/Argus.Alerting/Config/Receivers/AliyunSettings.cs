using Argus.Config;

namespace Argus.Alerting.Config.Receivers;

/// <summary>
/// The <c>aliyun</c> section of an SMS or voice entry: Alibaba Cloud's Dysms <c>SendSms</c> or Dyvms
/// <c>SingleCallByTts</c>, signed with the AccessKey (the secret inline or from a file). <c>template_code</c> is the
/// approved SMS template or TTS template, <c>template_param</c> a template rendering its JSON variables.
/// </summary>
public sealed class AliyunSettings
{
    public static readonly ConfigUrl DefaultSmsApiUrl = ConfigUrl.Parse("https://dysmsapi.aliyuncs.com/");

    public static readonly ConfigUrl DefaultVoiceApiUrl = ConfigUrl.Parse("https://dyvmsapi.aliyuncs.com/");

    /// <summary>The rendered message as the template's <c>message</c> variable.</summary>
    public const string DefaultTemplateParam = "{\"message\":{{ .Message | toJson }}}";

    public required string AccessKeyId { get; init; }

    public Secret? AccessKeySecret { get; init; }

    public string? AccessKeySecretFile { get; init; }

    public required ConfigUrl ApiUrl { get; init; }

    public string RegionId { get; init; } = "cn-hangzhou";

    /// <summary>SMS: the approved signature name shown as the sender (<c>SignName</c>).</summary>
    public string? SignName { get; init; }

    /// <summary>The SMS template code (<c>SMS_…</c>) or the TTS template code (<c>TTS_…</c>).</summary>
    public required string TemplateCode { get; init; }

    /// <summary>A template rendering the JSON object of the template's variables.</summary>
    public string TemplateParam { get; init; } = DefaultTemplateParam;

    /// <summary>Calls: how often the text is played (1–3; 0 = the service default).</summary>
    public int PlayTimes { get; init; }

    /// <summary>Calls: volume 0–100 (null = the service default).</summary>
    public int? Volume { get; init; }

    /// <summary>Calls: speech rate −500–500 (null = the service default).</summary>
    public int? Speed { get; init; }
}
