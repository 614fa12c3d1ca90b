using Argus.Config.Yaml;

namespace Argus.Alerting.Config.Receivers;

/// <summary><c>feishu_configs</c> (Argus): posts to a Feishu/Lark custom bot webhook (inline or file), optionally signed; <c>message_type</c> is <c>interactive</c> (a card, default), <c>post</c> or <c>text</c>.</summary>
public sealed class FeishuConfig : RobotWebhookConfig
{
    private static readonly RobotWebhookSpec Spec = new(
        ["text", "post", "interactive"],
        "interactive",
        "{{ template \"feishu.default.title\" . }}",
        "{{ template \"feishu.default.message\" . }}");

    public FeishuConfig()
        : base(Spec)
    {
    }

    public override string Kind => "feishu_configs";

    internal static FeishuConfig Read(ReaderContext ctx, YamlMap map) => ReadEntry<FeishuConfig>(ctx, map, Spec);
}
