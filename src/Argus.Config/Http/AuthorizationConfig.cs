namespace Argus.Config.Http;

/// <summary><c>authorization</c>: an <c>Authorization: &lt;type&gt; &lt;credentials&gt;</c> header.</summary>
public sealed class AuthorizationConfig
{
    /// <summary>The scheme; <c>Bearer</c> unless configured.</summary>
    public string Type { get; init; } = "Bearer";

    public Secret? Credentials { get; init; }

    public string? CredentialsFile { get; init; }

    public static AuthorizationConfig Read(ConfigContext context, Yaml.YamlMap map)
    {
        var type = map.String("type");
        var config = new AuthorizationConfig
        {
            Type = string.IsNullOrEmpty(type) ? "Bearer" : type,
            Credentials = map.Secret("credentials"),
            CredentialsFile = context.ResolvePathOrNull(map.String("credentials_file")),
        };
        HttpClientConfig.RejectSecretRefs(map, "credentials_ref");
        map.EnsureAllRead();
        if (string.Equals(config.Type, "basic", StringComparison.OrdinalIgnoreCase))
        {
            throw map.ErrorAt("type", "authorization type cannot be set to \"basic\", use \"basic_auth\" instead");
        }
        if (config.Credentials is { IsEmpty: false } && !string.IsNullOrEmpty(config.CredentialsFile))
        {
            throw map.Error("at most one of authorization credentials & credentials_file must be configured");
        }
        return config;
    }
}
