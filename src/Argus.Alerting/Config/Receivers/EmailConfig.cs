using Argus.Config;
using Argus.Config.Http;
using Argus.Config.Yaml;

namespace Argus.Alerting.Config.Receivers;

/// <summary><c>email_configs</c>: sends mail through an SMTP smarthost. SMTP settings the entry does not set
/// come from <c>global.smtp_*</c>; a password or secret is inherited only when the entry sets neither
/// the inline value nor its file. Resolved notifications are off by default.</summary>
public sealed class EmailConfig : NotifierConfig
{
    public override string Kind => "email_configs";

    public required string To { get; init; }

    public required string From { get; init; }

    public required string Hello { get; init; }

    /// <summary><c>host:port</c>.</summary>
    public required string Smarthost { get; init; }

    public string? AuthUsername { get; init; }

    public Secret? AuthPassword { get; init; }

    public string? AuthPasswordFile { get; init; }

    public Secret? AuthSecret { get; init; }

    public string? AuthSecretFile { get; init; }

    public string? AuthIdentity { get; init; }

    /// <summary>Extra headers with canonical MIME names (<c>X-Foo-Bar</c>).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    public string Html { get; init; } = "{{ template \"email.default.html\" . }}";

    public string? Text { get; init; }

    public bool RequireTls { get; init; } = true;

    public bool? ForceImplicitTls { get; init; }

    public TlsConfig TlsConfig { get; init; } = new();

    internal static EmailConfig Read(ReaderContext ctx, YamlMap map)
    {
        var g = ctx.Global;
        var common = ReadCommon(ctx, map, sendResolvedDefault: false, hasHttpConfig: false);
        var to = map.String("to");
        var password = ctx.SecretOrFile(map, "auth_password", "auth_password_file");
        var secret = ctx.SecretOrFile(map, "auth_secret", "auth_secret_file");
        var smarthost = GlobalConfig.HostPort(ctx, map, "smarthost") ?? g.SmtpSmarthost;
        var from = GlobalConfig.NullIfEmpty(map.String("from")) ?? g.SmtpFrom;
        var headers = ReadHeaders(map);
        var config = new EmailConfig
        {
            SendResolved = common.SendResolved,
            HttpConfig = common.HttpConfig,
            Line = common.Line,
            To = to ?? string.Empty,
            From = from ?? string.Empty,
            Hello = GlobalConfig.NullIfEmpty(map.String("hello")) ?? g.SmtpHello,
            Smarthost = smarthost ?? string.Empty,
            AuthUsername = GlobalConfig.NullIfEmpty(map.String("auth_username")) ?? g.SmtpAuthUsername,
            AuthPassword = password.Value is null && password.File is null ? g.SmtpAuthPassword : password.Value,
            AuthPasswordFile = password.Value is null && password.File is null ? g.SmtpAuthPasswordFile : password.File,
            AuthSecret = secret.Value is null && secret.File is null ? g.SmtpAuthSecret : secret.Value,
            AuthSecretFile = secret.Value is null && secret.File is null ? g.SmtpAuthSecretFile : secret.File,
            AuthIdentity = GlobalConfig.NullIfEmpty(map.String("auth_identity")) ?? g.SmtpAuthIdentity,
            Headers = headers,
            Html = map.String("html") ?? "{{ template \"email.default.html\" . }}",
            Text = map.String("text"),
            RequireTls = map.Bool("require_tls") ?? g.SmtpRequireTls,
            ForceImplicitTls = map.Bool("force_implicit_tls") ?? g.SmtpForceImplicitTls,
            TlsConfig = ctx.TlsConfig(map, "tls_config") ?? g.SmtpTlsConfig,
        };
        map.EnsureAllRead();
        if (string.IsNullOrEmpty(to))
        {
            throw map.Error("missing to address in email config");
        }
        if (smarthost is null)
        {
            throw map.Error("no global SMTP smarthost set");
        }
        if (from is null)
        {
            throw map.Error("no global SMTP from set");
        }
        return config;
    }

    private static List<KeyValuePair<string, string>> ReadHeaders(YamlMap map)
    {
        var result = new List<KeyValuePair<string, string>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, value) in map.StringMap("headers") ?? [])
        {
            var canonical = CanonicalHeaderName(name);
            if (!seen.Add(canonical))
            {
                throw map.ErrorAt("headers", $"duplicate header \"{canonical}\" in email config");
            }
            result.Add(new(canonical, value));
        }
        return result;
    }

    /// <summary>Go's <c>textproto.CanonicalMIMEHeaderKey</c>: upper-case the first letter and every letter
    /// after a hyphen, lower-case the rest; names with characters outside the token set stay as written.</summary>
    private static string CanonicalHeaderName(string name)
    {
        foreach (var c in name)
        {
            if (c == ' ' || c > 0x7e || c < 0x21 || c == ':')
            {
                return name;
            }
        }
        var chars = name.ToCharArray();
        var upper = true;
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = upper ? char.ToUpperInvariant(chars[i]) : char.ToLowerInvariant(chars[i]);
            upper = chars[i] == '-';
        }
        return new string(chars);
    }
}
