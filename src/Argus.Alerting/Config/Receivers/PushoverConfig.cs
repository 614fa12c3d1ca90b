using Argus.Config;
using Argus.Config.Yaml;

namespace Argus.Alerting.Config.Receivers;

/// <summary><c>pushover_configs</c>: needs a user key and an application token (inline or file).
/// <c>retry</c>, <c>expire</c> and <c>ttl</c> use Go's duration syntax.</summary>
public sealed class PushoverConfig : NotifierConfig
{
    public override string Kind => "pushover_configs";

    public Secret? UserKey { get; init; }

    public string? UserKeyFile { get; init; }

    public Secret? Token { get; init; }

    public string? TokenFile { get; init; }

    public string Title { get; init; } = "{{ template \"pushover.default.title\" . }}";

    public string Message { get; init; } = "{{ template \"pushover.default.message\" . }}";

    public string Url { get; init; } = "{{ template \"pushover.default.url\" . }}";

    public string? UrlTitle { get; init; }

    public string? Device { get; init; }

    public string? Sound { get; init; }

    public string Priority { get; init; } = "{{ if eq .Status \"firing\" }}2{{ else }}0{{ end }}";

    public TimeSpan Retry { get; init; } = TimeSpan.FromMinutes(1);

    public TimeSpan Expire { get; init; } = TimeSpan.FromHours(1);

    public TimeSpan Ttl { get; init; }

    public bool Html { get; init; }

    public bool Monospace { get; init; }

    internal static PushoverConfig Read(ReaderContext ctx, YamlMap map)
    {
        var common = ReadCommon(ctx, map, sendResolvedDefault: true);
        var user = ctx.SecretOrFile(map, "user_key", "user_key_file");
        var token = ctx.SecretOrFile(map, "token", "token_file");
        var config = new PushoverConfig
        {
            SendResolved = common.SendResolved,
            HttpConfig = common.HttpConfig,
            HasOwnHttpConfig = common.OwnHttpConfig,
            Line = common.Line,
            UserKey = user.Value,
            UserKeyFile = user.File,
            Token = token.Value,
            TokenFile = token.File,
            Title = map.String("title") ?? "{{ template \"pushover.default.title\" . }}",
            Message = map.String("message") ?? "{{ template \"pushover.default.message\" . }}",
            Url = map.String("url") ?? "{{ template \"pushover.default.url\" . }}",
            UrlTitle = map.String("url_title"),
            Device = map.String("device"),
            Sound = map.String("sound"),
            Priority = map.String("priority") ?? "{{ if eq .Status \"firing\" }}2{{ else }}0{{ end }}",
            Retry = ctx.GoDuration(map, "retry") ?? TimeSpan.FromMinutes(1),
            Expire = ctx.GoDuration(map, "expire") ?? TimeSpan.FromHours(1),
            Ttl = ctx.GoDuration(map, "ttl") ?? TimeSpan.Zero,
            Html = map.Bool("html", false),
            Monospace = map.Bool("monospace", false),
        };
        map.EnsureAllRead();
        if (config.UserKey is null && config.UserKeyFile is null)
        {
            throw map.Error("one of user_key or user_key_file must be configured");
        }
        if (config.Token is null && config.TokenFile is null)
        {
            throw map.Error("one of token or token_file must be configured");
        }
        if (config.Html && config.Monospace)
        {
            throw map.Error("at most one of monospace & html must be configured");
        }
        return config;
    }
}
