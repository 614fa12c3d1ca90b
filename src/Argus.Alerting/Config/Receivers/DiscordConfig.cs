using Argus.Config;
using Argus.Config.Yaml;

namespace Argus.Alerting.Config.Receivers;

/// <summary><c>discord_configs</c>: posts to a Discord webhook given inline or in a file (exactly one).</summary>
public sealed class DiscordConfig : NotifierConfig
{
    public override string Kind => "discord_configs";

    public ConfigUrl? WebhookUrl { get; init; }

    public string? WebhookUrlFile { get; init; }

    public string? Content { get; init; }

    public string Title { get; init; } = "{{ template \"discord.default.title\" . }}";

    public string Message { get; init; } = "{{ template \"discord.default.message\" . }}";

    public string? Username { get; init; }

    public string? AvatarUrl { get; init; }

    internal static DiscordConfig Read(ReaderContext ctx, YamlMap map)
    {
        var common = ReadCommon(ctx, map, sendResolvedDefault: true);
        var url = ctx.UrlOrFile(map, "webhook_url", "webhook_url_file");
        var config = new DiscordConfig
        {
            SendResolved = common.SendResolved,
            HttpConfig = common.HttpConfig,
            HasOwnHttpConfig = common.OwnHttpConfig,
            Line = common.Line,
            WebhookUrl = url.Value,
            WebhookUrlFile = url.File,
            Content = map.String("content"),
            Title = map.String("title") ?? "{{ template \"discord.default.title\" . }}",
            Message = map.String("message") ?? "{{ template \"discord.default.message\" . }}",
            Username = map.String("username"),
            AvatarUrl = map.String("avatar_url"),
        };
        map.EnsureAllRead();
        if (config.WebhookUrl is null && config.WebhookUrlFile is null)
        {
            throw map.Error("one of webhook_url or webhook_url_file must be configured");
        }
        return config;
    }
}
