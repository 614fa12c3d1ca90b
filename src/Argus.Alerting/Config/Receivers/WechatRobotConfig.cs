using Argus.Config.Yaml;

namespace Argus.Alerting.Config.Receivers;

/// <summary><c>wechat_robot_configs</c> (Argus): posts to a WeCom (WeChat Work) group robot webhook (inline or file); <c>message_type</c> is <c>markdown</c> (default) or <c>text</c>.</summary>
public sealed class WechatRobotConfig : RobotWebhookConfig
{
    private static readonly RobotWebhookSpec Spec = new(
        ["text", "markdown"],
        "markdown",
        "{{ template \"wechat_robot.default.title\" . }}",
        "{{ template \"wechat_robot.default.message\" . }}");

    public WechatRobotConfig()
        : base(Spec)
    {
    }

    public override string Kind => "wechat_robot_configs";

    internal static WechatRobotConfig Read(ReaderContext ctx, YamlMap map) => ReadEntry<WechatRobotConfig>(ctx, map, Spec);
}
