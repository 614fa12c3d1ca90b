using Argus.Config;
using Argus.Config.Yaml;
using YamlDotNet.RepresentationModel;

namespace Argus.Alerting.Config.Receivers;

/// <summary>
/// <c>slack_configs</c>: posts to an incoming webhook (<see cref="ApiUrl"/>) or, with an app token, to the
/// Slack Web API at <see cref="AppUrl"/>. An entry that sets no webhook, token or own authorization
/// inherits the global app token; one without a webhook URL inherits the global one.
/// </summary>
public sealed class SlackConfig : NotifierConfig
{
    private const string DefaultColor = "{{ if eq .Status \"firing\" }}danger{{ else }}good{{ end }}";

    public override string Kind => "slack_configs";

    public ConfigUrl? ApiUrl { get; init; }

    public string? ApiUrlFile { get; init; }

    public Secret? AppToken { get; init; }

    public string? AppTokenFile { get; init; }

    public ConfigUrl AppUrl { get; init; } = GlobalConfig.DefaultSlackAppUrl;

    public string? Channel { get; init; }

    public string Username { get; init; } = "{{ template \"slack.default.username\" . }}";

    public string Color { get; init; } = DefaultColor;

    public string Title { get; init; } = "{{ template \"slack.default.title\" . }}";

    public string TitleLink { get; init; } = "{{ template \"slack.default.titlelink\" . }}";

    public string Pretext { get; init; } = "{{ template \"slack.default.pretext\" . }}";

    public string Text { get; init; } = "{{ template \"slack.default.text\" . }}";

    public IReadOnlyList<SlackField> Fields { get; init; } = [];

    public bool ShortFields { get; init; }

    public string Footer { get; init; } = "{{ template \"slack.default.footer\" . }}";

    public string Fallback { get; init; } = "{{ template \"slack.default.fallback\" . }}";

    public string CallbackId { get; init; } = "{{ template \"slack.default.callbackid\" . }}";

    public string IconEmoji { get; init; } = "{{ template \"slack.default.iconemoji\" . }}";

    public string IconUrl { get; init; } = "{{ template \"slack.default.iconurl\" . }}";

    public string? ImageUrl { get; init; }

    public string? ThumbUrl { get; init; }

    public bool LinkNames { get; init; }

    public IReadOnlyList<string> MrkdwnIn { get; init; } = [];

    public IReadOnlyList<SlackAction> Actions { get; init; } = [];

    /// <summary>Edit the previous message of the group instead of posting a new one (needs the Web API).</summary>
    public bool UpdateMessage { get; init; }

    public TimeSpan Timeout { get; init; }

    /// <summary>True when notifications go through the Web API with a bearer app token.</summary>
    public bool UsesAppToken => AppToken is not null || AppTokenFile is not null;

    internal static SlackConfig Read(ReaderContext ctx, YamlMap map)
    {
        var g = ctx.Global;
        var common = ReadCommon(ctx, map, sendResolvedDefault: false);
        var url = ctx.UrlOrFile(map, "api_url", "api_url_file");
        var token = ctx.SecretOrFile(map, "app_token", "app_token_file");
        var ownUrl = url.Value is not null || url.File is not null;
        var ownToken = token.Value is not null || token.File is not null;
        if (ownUrl && ownToken)
        {
            throw map.Error("at most one of api_url/api_url_file & app_token/app_token_file must be configured");
        }
        var ownAuthorization = common.OwnHttpConfig && common.HttpConfig.Authorization is not null;
        if (!ownToken && !ownAuthorization && url.Value is null)
        {
            token = (g.SlackAppToken, g.SlackAppTokenFile);
        }
        if (!ownUrl)
        {
            url = (g.SlackApiUrl, g.SlackApiUrlFile);
        }
        var hasToken = token.Value is not null || token.File is not null;
        if (url.Value is null && url.File is null && !hasToken)
        {
            throw map.Error("no Slack API URL nor App token set either inline or in a file");
        }
        if (hasToken && ownAuthorization)
        {
            throw map.ErrorAt("http_config", "http authorization can't be set when using Slack App tokens");
        }
        var config = new SlackConfig
        {
            SendResolved = common.SendResolved,
            HttpConfig = common.HttpConfig,
            HasOwnHttpConfig = common.OwnHttpConfig,
            Line = common.Line,
            ApiUrl = url.Value,
            ApiUrlFile = url.File,
            AppToken = token.Value,
            AppTokenFile = token.File,
            AppUrl = ctx.HttpUrl(map, "app_url") ?? g.SlackAppUrl,
            Channel = map.String("channel"),
            Username = map.String("username") ?? "{{ template \"slack.default.username\" . }}",
            Color = map.String("color") ?? DefaultColor,
            Title = map.String("title") ?? "{{ template \"slack.default.title\" . }}",
            TitleLink = map.String("title_link") ?? "{{ template \"slack.default.titlelink\" . }}",
            Pretext = map.String("pretext") ?? "{{ template \"slack.default.pretext\" . }}",
            Text = map.String("text") ?? "{{ template \"slack.default.text\" . }}",
            Fields = map.List("fields", "[]*config.SlackField", n => ReadField(ctx, n)),
            ShortFields = map.Bool("short_fields", false),
            Footer = map.String("footer") ?? "{{ template \"slack.default.footer\" . }}",
            Fallback = map.String("fallback") ?? "{{ template \"slack.default.fallback\" . }}",
            CallbackId = map.String("callback_id") ?? "{{ template \"slack.default.callbackid\" . }}",
            IconEmoji = map.String("icon_emoji") ?? "{{ template \"slack.default.iconemoji\" . }}",
            IconUrl = map.String("icon_url") ?? "{{ template \"slack.default.iconurl\" . }}",
            ImageUrl = map.String("image_url"),
            ThumbUrl = map.String("thumb_url"),
            LinkNames = map.Bool("link_names", false),
            MrkdwnIn = map.StringList("mrkdwn_in") ?? [],
            Actions = map.List("actions", "[]*config.SlackAction", n => ReadAction(ctx, n)),
            UpdateMessage = map.Bool("update_message", false),
            Timeout = map.Duration("timeout") ?? TimeSpan.Zero,
        };
        map.EnsureAllRead();
        if (config.UpdateMessage && !config.UsesAppToken && config.ApiUrlFile is null && !IsWebApiUrl(config.ApiUrl))
        {
            throw map.ErrorAt("update_message", "update_message requires the Slack Web API (an app token, or an api_url of https://slack.com/api/...); incoming webhooks cannot update messages");
        }
        return config;
    }

    private static bool IsWebApiUrl(ConfigUrl? url) =>
        url?.Absolute is { } u && u.Host == "slack.com" && u.AbsolutePath.StartsWith("/api/", StringComparison.Ordinal);

    private static SlackField ReadField(ReaderContext ctx, YamlNode node)
    {
        var map = ctx.Source.Map(node, "config.SlackField");
        var field = new SlackField(map.String("title") ?? string.Empty, map.String("value") ?? string.Empty, map.Bool("short"));
        map.EnsureAllRead();
        if (field.Title.Length == 0)
        {
            throw map.Error("missing title in Slack field configuration");
        }
        if (field.Value.Length == 0)
        {
            throw map.Error("missing value in Slack field configuration");
        }
        return field;
    }

    private static SlackAction ReadAction(ReaderContext ctx, YamlNode node)
    {
        var map = ctx.Source.Map(node, "config.SlackAction");
        var type = map.String("type");
        var text = map.String("text");
        var url = GlobalConfig.NullIfEmpty(map.String("url"));
        var style = map.String("style");
        var name = GlobalConfig.NullIfEmpty(map.String("name"));
        var value = map.String("value");
        SlackConfirmationField? confirm = null;
        if (map.Map("confirm", "config.SlackConfirmationField") is { } confirmMap)
        {
            confirm = new SlackConfirmationField(confirmMap.String("text") ?? string.Empty, confirmMap.String("title"), confirmMap.String("ok_text"), confirmMap.String("dismiss_text"));
            confirmMap.EnsureAllRead();
            if (confirm.Text.Length == 0)
            {
                throw confirmMap.Error("missing text in Slack confirmation configuration");
            }
        }
        map.EnsureAllRead();
        if (string.IsNullOrEmpty(type))
        {
            throw map.Error("missing type in Slack action configuration");
        }
        if (string.IsNullOrEmpty(text))
        {
            throw map.Error("missing text in Slack action configuration");
        }
        if (url is not null)
        {
            // A link button: message-action fields are dropped.
            return new SlackAction(type, text, url, style, null, null, null);
        }
        if (name is null)
        {
            throw map.Error("missing name or url in Slack action configuration");
        }
        return new SlackAction(type, text, null, style, name, value, confirm);
    }
}
