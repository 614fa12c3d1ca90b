using Argus.Config;

namespace Argus.Alerting.Config.Receivers;

/// <summary>AWS Signature V4 settings of an SNS receiver; empty fields fall back to the AWS SDK's
/// default credential chain when sending.</summary>
public sealed record SigV4Config(string? Region, string? AccessKey, Secret? SecretKey, string? Profile, string? RoleArn, bool UseFipsStsEndpoint);
