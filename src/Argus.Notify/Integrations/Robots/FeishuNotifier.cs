using System.Globalization;
using System.Text.Json.Nodes;
using Argus.Alerting.Config.Receivers;

namespace Argus.Notify.Integrations.Robots;

/// <summary>
/// <c>feishu_configs</c>: a Feishu/Lark custom bot. With a secret the body carries <c>timestamp</c> (seconds,
/// as a string) and <c>sign</c>. <c>interactive</c> sends a card (header colored by status, markdown body),
/// <c>post</c> a rich-text post, <c>text</c> plain text. Feishu mentions by user id (or everyone); it cannot
/// mention by mobile number. Rate-limit errors (9499, 11232) are retried.
/// </summary>
public sealed class FeishuNotifier : RobotNotifier
{
    private static readonly HashSet<long> RateLimits = [9499, 11232];

    public FeishuNotifier(FeishuConfig config, HttpClient client, TimeProvider? time = null)
        : base(config, client, time)
    {
    }

    public override string Integration => "feishu";

    private protected override string[] ErrorCodeFields => ["code", "StatusCode"];

    private protected override IReadOnlySet<long> RateLimitCodes => RateLimits;

    private protected override (string Url, string Body) Build(string webhook, string? secret, string title, string message)
    {
        var body = new JsonObject();
        if (!string.IsNullOrEmpty(secret))
        {
            var timestamp = Time.GetUtcNow().ToUnixTimeSeconds();
            body["timestamp"] = timestamp.ToString(CultureInfo.InvariantCulture);
            body["sign"] = RobotSignature.Feishu(timestamp, secret);
        }
        var mentionIds = Config.AtUserIds.ToList();
        if (Config.AtAll)
        {
            mentionIds.Add("all");
        }
        body["msg_type"] = Config.MessageType;
        switch (Config.MessageType)
        {
            case "text":
                var textMentions = string.Concat(mentionIds.Select(id => $" <at user_id=\"{id}\"></at>"));
                body["content"] = new JsonObject { ["text"] = TextWithTitle(title, message) + textMentions };
                break;
            case "post":
                var line = new JsonArray(new JsonObject { ["tag"] = "text", ["text"] = message });
                foreach (var id in mentionIds)
                {
                    line.Add(new JsonObject { ["tag"] = "at", ["user_id"] = id });
                }
                body["content"] = new JsonObject
                {
                    ["post"] = new JsonObject
                    {
                        ["zh_cn"] = new JsonObject { ["title"] = title, ["content"] = new JsonArray(line) },
                    },
                };
                break;
            default:
                var cardMentions = string.Concat(mentionIds.Select(id => $" <at id={id}></at>"));
                body["card"] = new JsonObject
                {
                    ["header"] = new JsonObject
                    {
                        ["title"] = new JsonObject { ["tag"] = "plain_text", ["content"] = title },
                        ["template"] = title.StartsWith("[RESOLVED]", StringComparison.Ordinal) ? "green" : "red",
                    },
                    ["elements"] = new JsonArray(new JsonObject
                    {
                        ["tag"] = "div",
                        ["text"] = new JsonObject { ["tag"] = "lark_md", ["content"] = message + cardMentions },
                    }),
                };
                break;
        }
        return (webhook, JsonBodies.Write(body));
    }
}
