using System.Globalization;
using System.Text.Json.Nodes;
using Argus.Alerting.Config.Receivers;

namespace Argus.Notify.Integrations.Robots;

/// <summary>
/// <c>dingtalk_configs</c>: a DingTalk custom robot. With a secret the URL gets <c>timestamp</c> (ms) and
/// <c>sign</c>; the body is a <c>text</c> or <c>markdown</c> message with the <c>at</c> block. DingTalk
/// only notifies a mentioned mobile when the number also appears in the text, so mentions are appended.
/// Error 130101 (sending too fast) is retried.
/// </summary>
public sealed class DingtalkNotifier : RobotNotifier
{
    private static readonly HashSet<long> RateLimits = [130101];

    public DingtalkNotifier(DingtalkConfig config, HttpClient client, TimeProvider? time = null)
        : base(config, client, time)
    {
    }

    public override string Integration => "dingtalk";

    private protected override string[] ErrorCodeFields => ["errcode"];

    private protected override IReadOnlySet<long> RateLimitCodes => RateLimits;

    private protected override (string Url, string Body) Build(string webhook, string? secret, string title, string message)
    {
        var mentions = string.Concat(Config.AtMobiles.Select(m => " @" + m)) + string.Concat(Config.AtUserIds.Select(u => " @" + u));
        var body = new JsonObject { ["msgtype"] = Config.MessageType };
        if (Config.MessageType == "text")
        {
            body["text"] = new JsonObject { ["content"] = TextWithTitle(title, message) + mentions };
        }
        else
        {
            body["markdown"] = new JsonObject { ["title"] = title, ["text"] = MarkdownWithTitle(title, message) + mentions };
        }
        body["at"] = new JsonObject
        {
            ["atMobiles"] = JsonBodies.Array(Config.AtMobiles),
            ["atUserIds"] = JsonBodies.Array(Config.AtUserIds),
            ["isAtAll"] = Config.AtAll,
        };
        var url = webhook;
        if (!string.IsNullOrEmpty(secret))
        {
            var timestamp = Time.GetUtcNow().ToUnixTimeMilliseconds();
            url += (url.Contains('?', StringComparison.Ordinal) ? "&" : "?")
                + "timestamp=" + timestamp.ToString(CultureInfo.InvariantCulture)
                + "&sign=" + Uri.EscapeDataString(RobotSignature.Dingtalk(timestamp, secret));
        }
        return (url, JsonBodies.Write(body));
    }
}
