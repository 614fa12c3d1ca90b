using Argus.Config;
using Argus.Config.Http;
using Argus.Config.Yaml;

namespace Argus.Alerting.Config;

/// <summary>
/// The <c>global</c> section: the resolve timeout, the default HTTP client and the per-integration
/// defaults (SMTP, API URLs, keys and tokens) that receivers inherit when they set neither the value
/// nor its <c>_file</c> variant. Unset fields keep Alertmanager's defaults.
/// </summary>
public sealed class GlobalConfig
{
    public static readonly ConfigUrl DefaultPagerdutyUrl = ConfigUrl.Parse("https://events.pagerduty.com/v2/enqueue");
    public static readonly ConfigUrl DefaultOpsGenieApiUrl = ConfigUrl.Parse("https://api.opsgenie.com/");
    public static readonly ConfigUrl DefaultWeChatApiUrl = ConfigUrl.Parse("https://qyapi.weixin.qq.com/cgi-bin/");
    public static readonly ConfigUrl DefaultVictorOpsApiUrl = ConfigUrl.Parse("https://alert.victorops.com/integrations/generic/20131114/alert/");
    public static readonly ConfigUrl DefaultTelegramApiUrl = ConfigUrl.Parse("https://api.telegram.org");
    public static readonly ConfigUrl DefaultWebexApiUrl = ConfigUrl.Parse("https://webexapis.com/v1/messages");
    public static readonly ConfigUrl DefaultRocketchatApiUrl = ConfigUrl.Parse("https://open.rocket.chat/");
    public static readonly ConfigUrl DefaultSlackAppUrl = ConfigUrl.Parse("https://slack.com/api/chat.postMessage");

    /// <summary>The global section when the file has none.</summary>
    public static GlobalConfig Default { get; } = new();

    /// <summary>How long after its last update an alert without an end time counts as resolved. Default 5m.</summary>
    public TimeSpan ResolveTimeout { get; init; } = TimeSpan.FromMinutes(5);

    public HttpClientConfig HttpConfig { get; init; } = HttpClientConfig.Default;

    public string? SmtpFrom { get; init; }

    /// <summary>Default <c>localhost</c>.</summary>
    public string SmtpHello { get; init; } = "localhost";

    /// <summary><c>host:port</c>, or null.</summary>
    public string? SmtpSmarthost { get; init; }

    public string? SmtpAuthUsername { get; init; }

    public Secret? SmtpAuthPassword { get; init; }

    public string? SmtpAuthPasswordFile { get; init; }

    public Secret? SmtpAuthSecret { get; init; }

    public string? SmtpAuthSecretFile { get; init; }

    public string? SmtpAuthIdentity { get; init; }

    /// <summary>Default true.</summary>
    public bool SmtpRequireTls { get; init; } = true;

    public TlsConfig SmtpTlsConfig { get; init; } = new();

    public bool? SmtpForceImplicitTls { get; init; }

    public ConfigUrl? SlackApiUrl { get; init; }

    public string? SlackApiUrlFile { get; init; }

    public Secret? SlackAppToken { get; init; }

    public string? SlackAppTokenFile { get; init; }

    public ConfigUrl SlackAppUrl { get; init; } = DefaultSlackAppUrl;

    public ConfigUrl PagerdutyUrl { get; init; } = DefaultPagerdutyUrl;

    public ConfigUrl OpsGenieApiUrl { get; init; } = DefaultOpsGenieApiUrl;

    public Secret? OpsGenieApiKey { get; init; }

    public string? OpsGenieApiKeyFile { get; init; }

    public ConfigUrl WeChatApiUrl { get; init; } = DefaultWeChatApiUrl;

    public Secret? WeChatApiSecret { get; init; }

    public string? WeChatApiSecretFile { get; init; }

    public string? WeChatApiCorpId { get; init; }

    public ConfigUrl VictorOpsApiUrl { get; init; } = DefaultVictorOpsApiUrl;

    public Secret? VictorOpsApiKey { get; init; }

    public string? VictorOpsApiKeyFile { get; init; }

    public ConfigUrl TelegramApiUrl { get; init; } = DefaultTelegramApiUrl;

    public Secret? TelegramBotToken { get; init; }

    public string? TelegramBotTokenFile { get; init; }

    public ConfigUrl WebexApiUrl { get; init; } = DefaultWebexApiUrl;

    /// <summary>No default: Jira receivers must set <c>api_url</c> when this is unset.</summary>
    public ConfigUrl? JiraApiUrl { get; init; }

    public ConfigUrl RocketchatApiUrl { get; init; } = DefaultRocketchatApiUrl;

    public Secret? RocketchatToken { get; init; }

    public string? RocketchatTokenFile { get; init; }

    public Secret? RocketchatTokenId { get; init; }

    public string? RocketchatTokenIdFile { get; init; }

    public ConfigUrl? MattermostWebhookUrl { get; init; }

    public string? MattermostWebhookUrlFile { get; init; }

    internal static GlobalConfig Read(ReaderContext ctx, YamlMap map)
    {
        var smtpPassword = ctx.SecretOrFile(map, "smtp_auth_password", "smtp_auth_password_file");
        var smtpSecret = ctx.SecretOrFile(map, "smtp_auth_secret", "smtp_auth_secret_file");
        var slackUrl = ctx.UrlOrFile(map, "slack_api_url", "slack_api_url_file");
        var slackToken = ctx.SecretOrFile(map, "slack_app_token", "slack_app_token_file");
        var opsGenieKey = ctx.SecretOrFile(map, "opsgenie_api_key", "opsgenie_api_key_file");
        var weChatSecret = ctx.SecretOrFile(map, "wechat_api_secret", "wechat_api_secret_file");
        var victorOpsKey = ctx.SecretOrFile(map, "victorops_api_key", "victorops_api_key_file");
        var telegramToken = ctx.SecretOrFile(map, "telegram_bot_token", "telegram_bot_token_file");
        var rocketchatToken = ctx.SecretOrFile(map, "rocketchat_token", "rocketchat_token_file");
        var rocketchatTokenId = ctx.SecretOrFile(map, "rocketchat_token_id", "rocketchat_token_id_file");
        var mattermostUrl = ctx.UrlOrFile(map, "mattermost_webhook_url", "mattermost_webhook_url_file");
        var config = new GlobalConfig
        {
            ResolveTimeout = map.Duration("resolve_timeout", TimeSpan.FromMinutes(5)),
            HttpConfig = ctx.HttpConfig(map) ?? HttpClientConfig.Default,
            SmtpFrom = NullIfEmpty(map.String("smtp_from")),
            SmtpHello = map.String("smtp_hello") ?? "localhost",
            SmtpSmarthost = HostPort(ctx, map, "smtp_smarthost"),
            SmtpAuthUsername = NullIfEmpty(map.String("smtp_auth_username")),
            SmtpAuthPassword = smtpPassword.Value,
            SmtpAuthPasswordFile = smtpPassword.File,
            SmtpAuthSecret = smtpSecret.Value,
            SmtpAuthSecretFile = smtpSecret.File,
            SmtpAuthIdentity = NullIfEmpty(map.String("smtp_auth_identity")),
            SmtpRequireTls = map.Bool("smtp_require_tls", true),
            SmtpTlsConfig = ctx.TlsConfig(map, "smtp_tls_config") ?? new TlsConfig(),
            SmtpForceImplicitTls = map.Bool("smtp_force_implicit_tls"),
            SlackApiUrl = slackUrl.Value,
            SlackApiUrlFile = slackUrl.File,
            SlackAppToken = slackToken.Value,
            SlackAppTokenFile = slackToken.File,
            SlackAppUrl = ctx.HttpUrl(map, "slack_app_url") ?? DefaultSlackAppUrl,
            PagerdutyUrl = ctx.HttpUrl(map, "pagerduty_url") ?? DefaultPagerdutyUrl,
            OpsGenieApiUrl = ctx.HttpUrl(map, "opsgenie_api_url") ?? DefaultOpsGenieApiUrl,
            OpsGenieApiKey = opsGenieKey.Value,
            OpsGenieApiKeyFile = opsGenieKey.File,
            WeChatApiUrl = ctx.HttpUrl(map, "wechat_api_url") ?? DefaultWeChatApiUrl,
            WeChatApiSecret = weChatSecret.Value,
            WeChatApiSecretFile = weChatSecret.File,
            WeChatApiCorpId = NullIfEmpty(map.String("wechat_api_corp_id")),
            VictorOpsApiUrl = ctx.HttpUrl(map, "victorops_api_url") ?? DefaultVictorOpsApiUrl,
            VictorOpsApiKey = victorOpsKey.Value,
            VictorOpsApiKeyFile = victorOpsKey.File,
            TelegramApiUrl = ctx.HttpUrl(map, "telegram_api_url") ?? DefaultTelegramApiUrl,
            TelegramBotToken = telegramToken.Value,
            TelegramBotTokenFile = telegramToken.File,
            WebexApiUrl = ctx.HttpUrl(map, "webex_api_url") ?? DefaultWebexApiUrl,
            JiraApiUrl = ctx.HttpUrl(map, "jira_api_url"),
            RocketchatApiUrl = ctx.HttpUrl(map, "rocketchat_api_url") ?? DefaultRocketchatApiUrl,
            RocketchatToken = rocketchatToken.Value,
            RocketchatTokenFile = rocketchatToken.File,
            RocketchatTokenId = rocketchatTokenId.Value,
            RocketchatTokenIdFile = rocketchatTokenId.File,
            MattermostWebhookUrl = mattermostUrl.Value,
            MattermostWebhookUrlFile = mattermostUrl.File,
        };
        map.EnsureAllRead();
        return config;
    }

    /// <summary>A <c>host:port</c> address (Alertmanager's HostPort); empty means unset.</summary>
    internal static string? HostPort(ReaderContext ctx, YamlMap map, string key)
    {
        var node = map.Take(key);
        if (node is null)
        {
            return null;
        }
        var text = ctx.Source.String(node);
        if (text.Length == 0)
        {
            return null;
        }
        var colon = text.LastIndexOf(':');
        if (colon < 0)
        {
            throw ctx.Source.Error(node, $"address {text}: missing port in address");
        }
        var host = text[..colon];
        if (host.StartsWith('[') != host.EndsWith(']') || (!host.StartsWith('[') && host.Contains(':', StringComparison.Ordinal)))
        {
            throw ctx.Source.Error(node, $"address {text}: too many colons in address");
        }
        if (colon == text.Length - 1)
        {
            throw ctx.Source.Error(node, $"address \"{text}\": port cannot be empty");
        }
        return text;
    }

    internal static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
