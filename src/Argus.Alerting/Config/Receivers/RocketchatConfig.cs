using Argus.Config;
using Argus.Config.Yaml;

namespace Argus.Alerting.Config.Receivers;

/// <summary><c>rocketchat_configs</c>: posts with a token and token id (each inline or file, own or from
/// <c>global</c>) to the Rocket.Chat API.</summary>
public sealed class RocketchatConfig : NotifierConfig
{
    public override string Kind => "rocketchat_configs";

    public required ConfigUrl ApiUrl { get; init; }

    public Secret? TokenId { get; init; }

    public string? TokenIdFile { get; init; }

    public Secret? Token { get; init; }

    public string? TokenFile { get; init; }

    public string? Channel { get; init; }

    public string Color { get; init; } = "{{ if eq .Status \"firing\" }}red{{ else }}green{{ end }}";

    public string Title { get; init; } = "{{ template \"rocketchat.default.title\" . }}";

    public string TitleLink { get; init; } = "{{ template \"rocketchat.default.titlelink\" . }}";

    public string Text { get; init; } = "{{ template \"rocketchat.default.text\" . }}";

    public IReadOnlyList<RocketchatField> Fields { get; init; } = [];

    public bool ShortFields { get; init; }

    public string Emoji { get; init; } = "{{ template \"rocketchat.default.emoji\" . }}";

    public string IconUrl { get; init; } = "{{ template \"rocketchat.default.iconurl\" . }}";

    public string? ImageUrl { get; init; }

    public string? ThumbUrl { get; init; }

    public bool LinkNames { get; init; }

    public IReadOnlyList<RocketchatAction> Actions { get; init; } = [];

    internal static RocketchatConfig Read(ReaderContext ctx, YamlMap map)
    {
        var g = ctx.Global;
        var common = ReadCommon(ctx, map, sendResolvedDefault: false);
        var tokenId = ctx.SecretOrFile(map, "token_id", "token_id_file");
        var token = ctx.SecretOrFile(map, "token", "token_file");
        var config = new RocketchatConfig
        {
            SendResolved = common.SendResolved,
            HttpConfig = common.HttpConfig,
            HasOwnHttpConfig = common.OwnHttpConfig,
            Line = common.Line,
            ApiUrl = ctx.HttpUrl(map, "api_url") ?? g.RocketchatApiUrl,
            TokenId = tokenId.Value ?? g.RocketchatTokenId,
            TokenIdFile = tokenId.File ?? g.RocketchatTokenIdFile,
            Token = token.Value ?? g.RocketchatToken,
            TokenFile = token.File ?? g.RocketchatTokenFile,
            Channel = map.String("channel"),
            Color = map.String("color") ?? "{{ if eq .Status \"firing\" }}red{{ else }}green{{ end }}",
            Title = map.String("title") ?? "{{ template \"rocketchat.default.title\" . }}",
            TitleLink = map.String("title_link") ?? "{{ template \"rocketchat.default.titlelink\" . }}",
            Text = map.String("text") ?? "{{ template \"rocketchat.default.text\" . }}",
            Fields = map.List("fields", "[]*config.RocketchatAttachmentField", n =>
            {
                var m = ctx.Source.Map(n, "config.RocketchatAttachmentField");
                var field = new RocketchatField(m.String("title"), m.String("value"), m.Bool("short"));
                m.EnsureAllRead();
                return field;
            }),
            ShortFields = map.Bool("short_fields", false),
            Emoji = map.String("emoji") ?? "{{ template \"rocketchat.default.emoji\" . }}",
            IconUrl = map.String("icon_url") ?? "{{ template \"rocketchat.default.iconurl\" . }}",
            ImageUrl = map.String("image_url"),
            ThumbUrl = map.String("thumb_url"),
            LinkNames = map.Bool("link_names", false),
            Actions = map.List("actions", "[]*config.RocketchatAttachmentAction", n =>
            {
                var m = ctx.Source.Map(n, "config.RocketchatAttachmentAction");
                var action = new RocketchatAction(m.String("type"), m.String("text"), m.String("url"), m.String("msg"));
                m.EnsureAllRead();
                return action;
            }),
        };
        map.EnsureAllRead();
        if (config.TokenId is null && config.TokenIdFile is null)
        {
            throw map.Error("no global Rocketchat TokenID set either inline or in a file");
        }
        if (config.Token is null && config.TokenFile is null)
        {
            throw map.Error("no global Rocketchat Token set either inline or in a file");
        }
        return config;
    }
}
