using Argus.Config;
using Argus.Config.Yaml;

namespace Argus.Alerting.Config.Receivers;

/// <summary>
/// The shape shared by the phone integrations (SMS and voice): the numbers in <c>to</c>, a caller id, a message
/// template, an optional per-number <c>rate_limit</c>, and a <c>provider</c> preset that says how the message
/// leaves Argus: <c>http</c> (default: a gateway at <c>url</c>, with templated method, headers and body),
/// <c>twilio</c> or <c>aliyun</c> (their own sections). The kinds differ in their default message and in what
/// each provider requires, so reading and validation are written once here.
/// </summary>
public abstract class PhoneGatewayConfig : NotifierConfig
{
    /// <summary>The provider presets, in the order error messages list them.</summary>
    public static readonly string[] Providers = ["http", "twilio", "aliyun"];

    /// <summary>Sets the kind's default message, so a config built in code matches one read from an empty entry.</summary>
    private protected PhoneGatewayConfig(string defaultMessage)
    {
        Message = defaultMessage;
    }

    /// <summary>True for <c>voice_configs</c> (a call that reads the message), false for SMS.</summary>
    public abstract bool IsVoice { get; }

    /// <summary><c>http</c>, <c>twilio</c> or <c>aliyun</c>.</summary>
    public string Provider { get; init; } = "http";

    /// <summary>http: the gateway endpoint, a template (checked as a URL here when it has no template action).</summary>
    public string? Url { get; init; }

    public string? UrlFile { get; init; }

    /// <summary>http: the gateway's API token, sent as a bearer token, when it needs one.</summary>
    public Secret? Token { get; init; }

    public string? TokenFile { get; init; }

    /// <summary>http: the request method, a template (default <c>POST</c>).</summary>
    public string Method { get; init; } = "POST";

    /// <summary>http: extra request headers; values are templates.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>http: the request body template; null sends Argus's JSON gateway request.</summary>
    public string? Body { get; init; }

    /// <summary>http: one request per number (templates see <c>.Recipient</c>) instead of one for all.</summary>
    public bool PerRecipient { get; init; }

    public TwilioSettings? Twilio { get; init; }

    public AliyunSettings? Aliyun { get; init; }

    /// <summary>Phone numbers to notify (at least one).</summary>
    public IReadOnlyList<string> To { get; init; } = [];

    /// <summary>Caller id / sender, when the provider allows choosing one.</summary>
    public string? From { get; init; }

    public string Message { get; init; }

    public TimeSpan Timeout { get; init; }

    /// <summary>At most so many messages per number and window; null means no limit.</summary>
    public PhoneRateLimit? RateLimit { get; init; }

    /// <summary>Reads and validates one entry of a phone kind; the error messages are the same for every kind.</summary>
    private protected static T ReadEntry<T>(ReaderContext ctx, YamlMap map, string defaultMessage)
        where T : PhoneGatewayConfig, new()
    {
        var voice = new T().IsVoice;
        var common = ReadCommon(ctx, map, sendResolvedDefault: false);
        var provider = GlobalConfig.NullIfEmpty(map.String("provider")) ?? "http";
        if (!Providers.Contains(provider))
        {
            throw map.ErrorAt("provider", $"unknown provider \"{provider}\": must be one of {string.Join(", ", Providers)}");
        }
        var url = ReadUrl(ctx, map);
        var token = ctx.SecretOrFile(map, "token", "token_file");
        var config = new T
        {
            SendResolved = common.SendResolved,
            HttpConfig = common.HttpConfig,
            HasOwnHttpConfig = common.OwnHttpConfig,
            Line = common.Line,
            Provider = provider,
            Url = url.Value,
            UrlFile = url.File,
            Token = token.Value,
            TokenFile = token.File,
            Method = GlobalConfig.NullIfEmpty(map.String("method")) ?? "POST",
            Headers = map.StringMap("headers") ?? [],
            Body = map.String("body"),
            PerRecipient = map.Bool("per_recipient", false),
            Twilio = map.Map("twilio", "config.TwilioConfig") is { } twilio ? ReadTwilio(ctx, twilio) : null,
            Aliyun = map.Map("aliyun", "config.AliyunConfig") is { } aliyun ? ReadAliyun(ctx, aliyun, voice) : null,
            To = map.StringList("to") ?? [],
            From = GlobalConfig.NullIfEmpty(map.String("from")),
            Message = map.String("message") ?? defaultMessage,
            Timeout = map.Duration("timeout") ?? TimeSpan.Zero,
            RateLimit = map.Map("rate_limit", "config.RateLimit") is { } limit ? ReadRateLimit(limit) : null,
        };
        map.EnsureAllRead();
        if (config.To.Count == 0 || config.To.Any(string.IsNullOrWhiteSpace))
        {
            throw map.ErrorAt("to", "to must list at least one phone number, none empty");
        }
        Validate(config, map, voice);
        return config;
    }

    /// <summary>Each provider needs its own settings and accepts no other provider's.</summary>
    private static void Validate(PhoneGatewayConfig config, YamlMap map, bool voice)
    {
        var httpOnly = config.Url is not null || config.UrlFile is not null || config.Token is not null || config.TokenFile is not null
            || map.Contains("method") || map.Contains("headers") || map.Contains("body") || map.Contains("per_recipient");
        if (config.Provider != "http" && httpOnly)
        {
            throw map.Error($"url, url_file, token, token_file, method, headers, body and per_recipient belong to provider http, not {config.Provider}");
        }
        if (config.Provider != "twilio" && config.Twilio is not null)
        {
            throw map.ErrorAt("twilio", $"a twilio section needs provider: twilio (provider is {config.Provider})");
        }
        if (config.Provider != "aliyun" && config.Aliyun is not null)
        {
            throw map.ErrorAt("aliyun", $"an aliyun section needs provider: aliyun (provider is {config.Provider})");
        }
        switch (config.Provider)
        {
            case "http":
                if (config.Url is null && config.UrlFile is null)
                {
                    throw map.Error("one of url or url_file must be configured");
                }
                break;
            case "twilio":
                if (config.Twilio is null)
                {
                    throw map.Error("provider twilio needs a twilio section (account_sid, auth_token or auth_token_file)");
                }
                if (config.From is null && (voice || config.Twilio.MessagingServiceSid is null))
                {
                    throw map.Error(voice
                        ? "provider twilio needs from: the Twilio number calls come from"
                        : "provider twilio needs from (a Twilio number) or twilio.messaging_service_sid");
                }
                break;
            case "aliyun":
                if (config.Aliyun is null)
                {
                    throw map.Error("provider aliyun needs an aliyun section (access_key_id, access_key_secret, template_code)");
                }
                break;
        }
    }

    /// <summary><c>url</c> (a template, checked as an http(s) URL when it is plain text) or <c>url_file</c>.</summary>
    private static (string? Value, string? File) ReadUrl(ReaderContext ctx, YamlMap map)
    {
        string? value = null;
        if (map.Take("url") is { } node && !YamlSource.IsNull(node))
        {
            var text = ctx.Source.String(node);
            value = text.Contains("{{", StringComparison.Ordinal) ? text : ctx.HttpUrl(node).Text;
        }
        var file = map.String("url_file");
        if (value is not null && !string.IsNullOrEmpty(file))
        {
            throw map.ErrorAt("url_file", "at most one of url & url_file must be configured");
        }
        return (value, string.IsNullOrEmpty(file) ? null : ctx.ResolvePath(file));
    }

    private static TwilioSettings ReadTwilio(ReaderContext ctx, YamlMap map)
    {
        var token = ctx.SecretOrFile(map, "auth_token", "auth_token_file");
        var settings = new TwilioSettings
        {
            AccountSid = map.String("account_sid") ?? string.Empty,
            AuthToken = token.Value,
            AuthTokenFile = token.File,
            ApiUrl = ctx.HttpUrl(map, "api_url") ?? TwilioSettings.DefaultApiUrl,
            MessagingServiceSid = GlobalConfig.NullIfEmpty(map.String("messaging_service_sid")),
            Voice = GlobalConfig.NullIfEmpty(map.String("voice")),
            Language = GlobalConfig.NullIfEmpty(map.String("language")),
            Loop = map.Int32("loop") ?? 0,
        };
        map.EnsureAllRead();
        if (settings.AccountSid.Length == 0)
        {
            throw map.Error("missing account_sid in twilio config");
        }
        if (settings.AuthToken is null && settings.AuthTokenFile is null)
        {
            throw map.Error("one of auth_token or auth_token_file must be configured");
        }
        if (settings.Loop < 0)
        {
            throw map.ErrorAt("loop", "loop must not be negative");
        }
        return settings;
    }

    private static AliyunSettings ReadAliyun(ReaderContext ctx, YamlMap map, bool voice)
    {
        var secret = ctx.SecretOrFile(map, "access_key_secret", "access_key_secret_file");
        var settings = new AliyunSettings
        {
            AccessKeyId = map.String("access_key_id") ?? string.Empty,
            AccessKeySecret = secret.Value,
            AccessKeySecretFile = secret.File,
            ApiUrl = ctx.HttpUrl(map, "api_url") ?? (voice ? AliyunSettings.DefaultVoiceApiUrl : AliyunSettings.DefaultSmsApiUrl),
            RegionId = GlobalConfig.NullIfEmpty(map.String("region_id")) ?? "cn-hangzhou",
            SignName = GlobalConfig.NullIfEmpty(map.String("sign_name")),
            TemplateCode = map.String("template_code") ?? string.Empty,
            TemplateParam = map.String("template_param") ?? AliyunSettings.DefaultTemplateParam,
            PlayTimes = map.Int32("play_times") ?? 0,
            Volume = map.Int32("volume"),
            Speed = map.Int32("speed"),
        };
        map.EnsureAllRead();
        if (settings.AccessKeyId.Length == 0)
        {
            throw map.Error("missing access_key_id in aliyun config");
        }
        if (settings.AccessKeySecret is null && settings.AccessKeySecretFile is null)
        {
            throw map.Error("one of access_key_secret or access_key_secret_file must be configured");
        }
        if (settings.TemplateCode.Length == 0)
        {
            throw map.Error(voice ? "missing template_code (the TTS template) in aliyun config" : "missing template_code (the SMS template) in aliyun config");
        }
        if (!voice && settings.SignName is null)
        {
            throw map.Error("missing sign_name in aliyun config: SMS needs an approved signature");
        }
        if (!voice && (settings.PlayTimes != 0 || settings.Volume is not null || settings.Speed is not null))
        {
            throw map.Error("play_times, volume and speed apply to voice_configs only");
        }
        if (settings.PlayTimes is < 0 or > 3)
        {
            throw map.ErrorAt("play_times", "play_times must be between 1 and 3");
        }
        if (settings.Volume is < 0 or > 100)
        {
            throw map.ErrorAt("volume", "volume must be between 0 and 100");
        }
        if (settings.Speed is < -500 or > 500)
        {
            throw map.ErrorAt("speed", "speed must be between -500 and 500");
        }
        return settings;
    }

    private static PhoneRateLimit ReadRateLimit(YamlMap map)
    {
        var max = map.Int32("max");
        var per = map.Duration("per");
        map.EnsureAllRead();
        if (max is null or < 1)
        {
            throw map.Error("rate_limit needs max: a positive number of messages");
        }
        if (per is null || per.Value <= TimeSpan.Zero)
        {
            throw map.Error("rate_limit needs per: a positive duration (e.g. 1h)");
        }
        return new PhoneRateLimit(max.Value, per.Value);
    }
}
