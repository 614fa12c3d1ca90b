using Argus.Config;
using Argus.Config.Yaml;

namespace Argus.Alerting.Config.Receivers;

/// <summary><c>msteams_configs</c>: posts a MessageCard to an Office 365 connector webhook (inline or file).</summary>
public sealed class MSTeamsConfig : NotifierConfig
{
    public override string Kind => "msteams_configs";

    public ConfigUrl? WebhookUrl { get; init; }

    public string? WebhookUrlFile { get; init; }

    public string Title { get; init; } = "{{ template \"msteams.default.title\" . }}";

    public string Summary { get; init; } = "{{ template \"msteams.default.summary\" . }}";

    public string Text { get; init; } = "{{ template \"msteams.default.text\" . }}";

    internal static MSTeamsConfig Read(ReaderContext ctx, YamlMap map)
    {
        var common = ReadCommon(ctx, map, sendResolvedDefault: true);
        var url = ctx.UrlOrFile(map, "webhook_url", "webhook_url_file");
        var config = new MSTeamsConfig
        {
            SendResolved = common.SendResolved,
            HttpConfig = common.HttpConfig,
            HasOwnHttpConfig = common.OwnHttpConfig,
            Line = common.Line,
            WebhookUrl = url.Value,
            WebhookUrlFile = url.File,
            Title = map.String("title") ?? "{{ template \"msteams.default.title\" . }}",
            Summary = map.String("summary") ?? "{{ template \"msteams.default.summary\" . }}",
            Text = map.String("text") ?? "{{ template \"msteams.default.text\" . }}",
        };
        map.EnsureAllRead();
        if (config.WebhookUrl is null && config.WebhookUrlFile is null)
        {
            throw map.Error("one of webhook_url or webhook_url_file must be configured");
        }
        return config;
    }
}
