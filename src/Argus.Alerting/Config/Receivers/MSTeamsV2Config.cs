using Argus.Config;
using Argus.Config.Yaml;

namespace Argus.Alerting.Config.Receivers;

/// <summary><c>msteamsv2_configs</c>: posts an Adaptive Card to a Teams workflow webhook (inline or file).</summary>
public sealed class MSTeamsV2Config : NotifierConfig
{
    public override string Kind => "msteamsv2_configs";

    public ConfigUrl? WebhookUrl { get; init; }

    public string? WebhookUrlFile { get; init; }

    public string Title { get; init; } = "{{ template \"msteamsv2.default.title\" . }}";

    public string Text { get; init; } = "{{ template \"msteamsv2.default.text\" . }}";

    internal static MSTeamsV2Config Read(ReaderContext ctx, YamlMap map)
    {
        var common = ReadCommon(ctx, map, sendResolvedDefault: true);
        var url = ctx.UrlOrFile(map, "webhook_url", "webhook_url_file");
        var config = new MSTeamsV2Config
        {
            SendResolved = common.SendResolved,
            HttpConfig = common.HttpConfig,
            HasOwnHttpConfig = common.OwnHttpConfig,
            Line = common.Line,
            WebhookUrl = url.Value,
            WebhookUrlFile = url.File,
            Title = map.String("title") ?? "{{ template \"msteamsv2.default.title\" . }}",
            Text = map.String("text") ?? "{{ template \"msteamsv2.default.text\" . }}",
        };
        map.EnsureAllRead();
        if (config.WebhookUrl is null && config.WebhookUrlFile is null)
        {
            throw map.Error("one of webhook_url or webhook_url_file must be configured");
        }
        return config;
    }
}
