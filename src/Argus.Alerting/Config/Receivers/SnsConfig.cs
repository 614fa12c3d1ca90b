using Argus.Config.Yaml;

namespace Argus.Alerting.Config.Receivers;

/// <summary><c>sns_configs</c>: publishes to AWS SNS through the Query API, signed with SigV4. Exactly one of
/// <c>topic_arn</c>, <c>target_arn</c> or <c>phone_number</c> must be given (Alertmanager's own check also lets all
/// three through); they, <c>api_url</c>, <c>subject</c>, <c>message</c> and the attributes are templates.</summary>
public sealed class SnsConfig : NotifierConfig
{
    public override string Kind => "sns_configs";

    public string? ApiUrl { get; init; }

    public SigV4Config SigV4 { get; init; } = SigV4Config.Empty;

    public string? TopicArn { get; init; }

    public string? PhoneNumber { get; init; }

    public string? TargetArn { get; init; }

    public string Subject { get; init; } = "{{ template \"sns.default.subject\" . }}";

    public string Message { get; init; } = "{{ template \"sns.default.message\" . }}";

    public IReadOnlyList<KeyValuePair<string, string>> Attributes { get; init; } = [];

    /// <summary>The topic is a FIFO topic (messages then carry a group id); also assumed for a topic ARN ending in <c>.fifo</c>.</summary>
    public bool IsFifoTopic { get; init; }

    /// <summary>Accepted for compatibility (Alertmanager's choice of AWS SDK client); Argus always uses its own.</summary>
    public bool UseAwsHttpClient { get; init; }

    internal static SnsConfig Read(ReaderContext ctx, YamlMap map)
    {
        var common = ReadCommon(ctx, map, sendResolvedDefault: true);
        var sigv4 = SigV4Config.Empty;
        if (map.Map("sigv4", "sigv4.SigV4Config") is { } s)
        {
            var secret = ctx.SecretOrFile(s, "secret_key", "secret_key_file");
            sigv4 = new SigV4Config(GlobalConfig.NullIfEmpty(s.String("region")), GlobalConfig.NullIfEmpty(s.String("access_key")), secret.Value,
                GlobalConfig.NullIfEmpty(s.String("profile")), GlobalConfig.NullIfEmpty(s.String("role_arn")), s.Bool("use_fips_sts_endpoint", false))
            {
                SecretKeyFile = secret.File,
                ExternalId = GlobalConfig.NullIfEmpty(s.String("external_id")),
            };
            s.EnsureAllRead();
            if ((sigv4.AccessKey is not null) != (sigv4.SecretKey is not null || sigv4.SecretKeyFile is not null))
            {
                throw s.Error("must provide a AWS SigV4 Access key and Secret Key if credentials are specified in the SigV4 config");
            }
        }
        var config = new SnsConfig
        {
            SendResolved = common.SendResolved,
            HttpConfig = common.HttpConfig,
            HasOwnHttpConfig = common.OwnHttpConfig,
            Line = common.Line,
            ApiUrl = map.String("api_url"),
            SigV4 = sigv4,
            TopicArn = GlobalConfig.NullIfEmpty(map.String("topic_arn")),
            PhoneNumber = GlobalConfig.NullIfEmpty(map.String("phone_number")),
            TargetArn = GlobalConfig.NullIfEmpty(map.String("target_arn")),
            Subject = map.String("subject") ?? "{{ template \"sns.default.subject\" . }}",
            Message = map.String("message") ?? "{{ template \"sns.default.message\" . }}",
            Attributes = map.StringMap("attributes") ?? [],
            IsFifoTopic = map.Bool("is_fifo_topic", false),
            UseAwsHttpClient = map.Bool("use_aws_http_client", false),
        };
        map.EnsureAllRead();
        // Alertmanager's test is a chained inequality of the three "is empty" flags; it rejects none
        // or two given and (by accident) accepts all three. Keep it identical so the same files load.
        if (((config.TargetArn is null) != (config.TopicArn is null)) != (config.PhoneNumber is null))
        {
            throw map.Error("must provide either a Target ARN, Topic ARN, or Phone Number for SNS config");
        }
        return config;
    }
}
