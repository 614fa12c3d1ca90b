namespace Argus.Config.Http;

/// <summary><c>basic_auth</c>: a username (inline or from a file) and a password (inline or from a file).</summary>
public sealed class BasicAuthConfig
{
    public string? Username { get; init; }

    public string? UsernameFile { get; init; }

    public Secret? Password { get; init; }

    public string? PasswordFile { get; init; }

    public static BasicAuthConfig Read(ConfigContext context, Yaml.YamlMap map)
    {
        var config = new BasicAuthConfig
        {
            Username = map.String("username"),
            UsernameFile = context.ResolvePathOrNull(map.String("username_file")),
            Password = map.Secret("password"),
            PasswordFile = context.ResolvePathOrNull(map.String("password_file")),
        };
        HttpClientConfig.RejectSecretRefs(map, "username_ref", "password_ref");
        map.EnsureAllRead();
        if (!string.IsNullOrEmpty(config.Username) && !string.IsNullOrEmpty(config.UsernameFile))
        {
            throw map.Error("at most one of basic_auth username & username_file must be configured");
        }
        if (config.Password is { IsEmpty: false } && !string.IsNullOrEmpty(config.PasswordFile))
        {
            throw map.Error("at most one of basic_auth password & password_file must be configured");
        }
        return config;
    }
}
