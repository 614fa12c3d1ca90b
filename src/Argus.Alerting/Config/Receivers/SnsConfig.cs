using Argus.Config.Yaml;

namespace Argus.Alerting.Config.Receivers;

/// <summary><c>sns_configs</c>: publishes to AWS SNS. Exactly one of <c>topic_arn</c>, <c>target_arn</c> or
/// <c>phone_number</c> must be given (Alertmanager's own check also lets all three through).</summary>
public sealed class SnsConfig : NotifierConfig
{
    public override string Kind => "sns_configs";

    public string? ApiUrl { get; init; }

    public SigV4Config SigV4 { get; init; } = new(null, null, null, null, null, false);

    public string? TopicArn { get; init; }

    public string? PhoneNumber { get; init; }

    public string? TargetArn { get; init; }

    public string Subject { get; init; } = "{{ template \"sns.default.subject\" . }}";

    public string Message { get; init; } = "{{ template \"sns.default.message\" . }}";

    public IReadOnlyList<KeyValuePair<string, string>> Attributes { get; init; } = [];

    /// <summary>The topic is a FIFO topic (messages then carry a group id).</summary>
    public bool IsFifoTopic { get; init; }

    internal static SnsConfig Read(ReaderContext ctx, YamlMap map)
    {
        var common = ReadCommon(ctx, map, sendResolvedDefault: true);
        var sigv4 = new SigV4Config(null, null, null, null, null, false);
        if (map.Map("sigv4", "sigv4.SigV4Config") is { } s)
        {
            sigv4 = new SigV4Config(s.String("region"), s.String("access_key"), s.Secret("secret_key"), s.String("profile"), s.String("role_arn"), s.Bool("use_fips_sts_endpoint", false));
            s.EnsureAllRead();
            if (!string.IsNullOrEmpty(sigv4.AccessKey) != sigv4.SecretKey is { IsEmpty: false })
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
