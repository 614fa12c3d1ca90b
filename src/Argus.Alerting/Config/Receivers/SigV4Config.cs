using Argus.Config;

namespace Argus.Alerting.Config.Receivers;

/// <summary>
/// AWS Signature V4 settings of an SNS receiver. Empty credentials fall back to the environment
/// (<c>AWS_ACCESS_KEY_ID</c>, <c>AWS_SECRET_ACCESS_KEY</c>, <c>AWS_SESSION_TOKEN</c>) and then to the shared
/// credentials file's <c>profile</c>; an empty region to <c>AWS_REGION</c>/<c>AWS_DEFAULT_REGION</c> or the API
/// URL's host. <c>secret_key_file</c> is an Argus extension (the secret read at send time).
/// </summary>
public sealed record SigV4Config(string? Region, string? AccessKey, Secret? SecretKey, string? Profile, string? RoleArn, bool UseFipsStsEndpoint)
{
    /// <summary>The empty settings: everything from the environment.</summary>
    public static SigV4Config Empty { get; } = new(null, null, null, null, null, false);

    public string? SecretKeyFile { get; init; }

    /// <summary>The external id sent when assuming <see cref="RoleArn"/>.</summary>
    public string? ExternalId { get; init; }
}
