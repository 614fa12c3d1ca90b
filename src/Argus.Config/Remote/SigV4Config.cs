namespace Argus.Config.Remote;

/// <summary><c>sigv4</c>: AWS Signature Version 4 request signing.</summary>
public sealed class SigV4Config
{
    public string? Region { get; init; }

    public string? AccessKey { get; init; }

    public Secret? SecretKey { get; init; }

    public string? Profile { get; init; }

    public string? RoleArn { get; init; }

    public string? ExternalId { get; init; }

    public bool UseFipsStsEndpoint { get; init; }

    public string? ServiceName { get; init; }

    public static SigV4Config Read(Yaml.YamlMap map)
    {
        var config = new SigV4Config
        {
            Region = map.String("region"),
            AccessKey = map.String("access_key"),
            SecretKey = map.Secret("secret_key"),
            Profile = map.String("profile"),
            RoleArn = map.String("role_arn"),
            ExternalId = map.String("external_id"),
            UseFipsStsEndpoint = map.Bool("use_fips_sts_endpoint", false),
            ServiceName = map.String("service_name"),
        };
        map.EnsureAllRead();
        if (string.IsNullOrEmpty(config.AccessKey) != (config.SecretKey is null || config.SecretKey.IsEmpty))
        {
            throw map.Error("must provide a AWS SigV4 Access key and Secret Key if credentials are specified in the SigV4 config");
        }
        return config;
    }
}
