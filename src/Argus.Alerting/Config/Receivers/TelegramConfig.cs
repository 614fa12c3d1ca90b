using Argus.Config;
using Argus.Config.Yaml;

namespace Argus.Alerting.Config.Receivers;

/// <summary><c>telegram_configs</c>: needs a chat id and a bot token (inline or file, own or from
/// <c>global</c>); <c>parse_mode</c> is HTML (default), Markdown, MarkdownV2 or empty.</summary>
public sealed class TelegramConfig : NotifierConfig
{
    public override string Kind => "telegram_configs";

    public required ConfigUrl ApiUrl { get; init; }

    public Secret? BotToken { get; init; }

    public string? BotTokenFile { get; init; }

    public long ChatId { get; init; }

    public int MessageThreadId { get; init; }

    public string Message { get; init; } = "{{ template \"telegram.default.message\" . }}";

    public bool DisableNotifications { get; init; }

    public string ParseMode { get; init; } = "HTML";

    internal static TelegramConfig Read(ReaderContext ctx, YamlMap map)
    {
        var g = ctx.Global;
        var common = ReadCommon(ctx, map, sendResolvedDefault: true);
        var token = ctx.SecretOrFile(map, "bot_token", "bot_token_file");
        if (token.Value is null && token.File is null)
        {
            token = (g.TelegramBotToken, g.TelegramBotTokenFile);
        }
        var config = new TelegramConfig
        {
            SendResolved = common.SendResolved,
            HttpConfig = common.HttpConfig,
            HasOwnHttpConfig = common.OwnHttpConfig,
            Line = common.Line,
            ApiUrl = ctx.HttpUrl(map, "api_url") ?? g.TelegramApiUrl,
            BotToken = token.Value,
            BotTokenFile = token.File,
            ChatId = map.Int64("chat_id") ?? 0,
            MessageThreadId = map.Int32("message_thread_id") ?? 0,
            Message = map.String("message") ?? "{{ template \"telegram.default.message\" . }}",
            DisableNotifications = map.Bool("disable_notifications", false),
            ParseMode = map.String("parse_mode") ?? "HTML",
        };
        map.EnsureAllRead();
        if (config.BotToken is null && config.BotTokenFile is null)
        {
            throw map.Error("missing bot_token or bot_token_file on telegram_config");
        }
        if (config.ChatId == 0)
        {
            throw map.Error("missing chat_id on telegram_config");
        }
        if (config.ParseMode is not ("" or "Markdown" or "MarkdownV2" or "HTML"))
        {
            throw map.ErrorAt("parse_mode", "unknown parse_mode on telegram_config, must be Markdown, MarkdownV2, HTML or empty string");
        }
        return config;
    }
}
