using Argus.Config.Yaml;

namespace Argus.Alerting.Config.Receivers;

/// <summary><c>dingtalk_configs</c> (Argus): posts to a DingTalk group robot webhook (inline or file), optionally signed with the robot's secret; <c>message_type</c> is <c>markdown</c> (default) or <c>text</c>.</summary>
public sealed class DingtalkConfig : RobotWebhookConfig
{
    private static readonly RobotWebhookSpec Spec = new(
        ["text", "markdown"],
        "markdown",
        "{{ template \"dingtalk.default.title\" . }}",
        "{{ template \"dingtalk.default.message\" . }}");

    public DingtalkConfig()
        : base(Spec)
    {
    }

    public override string Kind => "dingtalk_configs";

    internal static DingtalkConfig Read(ReaderContext ctx, YamlMap map) => ReadEntry<DingtalkConfig>(ctx, map, Spec);
}
