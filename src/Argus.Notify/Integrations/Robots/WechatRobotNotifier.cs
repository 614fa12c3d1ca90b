using System.Text.Json.Nodes;
using Argus.Alerting.Config.Receivers;

namespace Argus.Notify.Integrations.Robots;

/// <summary>
/// <c>wechat_robot_configs</c>: a WeCom (WeChat Work) group robot. The webhook URL carries the robot's key;
/// WeCom robots are not signed. <c>text</c> messages mention through <c>mentioned_list</c> (user ids,
/// <c>@all</c>) and <c>mentioned_mobile_list</c>; <c>markdown</c> messages mention with <c>&lt;@userid&gt;</c>
/// in the content. Error 45009 (API frequency limit) is retried.
/// </summary>
public sealed class WechatRobotNotifier : RobotNotifier
{
    private static readonly HashSet<long> RateLimits = [45009];

    public WechatRobotNotifier(WechatRobotConfig config, HttpClient client, TimeProvider? time = null)
        : base(config, client, time)
    {
    }

    public override string Integration => "wechat_robot";

    private protected override string[] ErrorCodeFields => ["errcode"];

    private protected override IReadOnlySet<long> RateLimitCodes => RateLimits;

    private protected override (string Url, string Body) Build(string webhook, string? secret, string title, string message)
    {
        var body = new JsonObject { ["msgtype"] = Config.MessageType };
        if (Config.MessageType == "text")
        {
            var users = Config.AtUserIds.ToList();
            if (Config.AtAll)
            {
                users.Add("@all");
            }
            body["text"] = new JsonObject
            {
                ["content"] = TextWithTitle(title, message),
                ["mentioned_list"] = JsonBodies.Array(users),
                ["mentioned_mobile_list"] = JsonBodies.Array(Config.AtMobiles),
            };
        }
        else
        {
            var mentions = string.Concat(Config.AtUserIds.Select(u => $" <@{u}>"));
            body["markdown"] = new JsonObject { ["content"] = MarkdownWithTitle(title, message) + mentions };
        }
        return (webhook, JsonBodies.Write(body));
    }
}
