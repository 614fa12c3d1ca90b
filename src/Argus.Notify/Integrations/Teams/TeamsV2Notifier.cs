using System.Text.Json.Nodes;
using Argus.Alerting.Config.Receivers;
using Argus.Notify.Integrations.Http;

namespace Argus.Notify.Integrations.Teams;

/// <summary>
/// <c>msteamsv2_configs</c>: a message with one Adaptive Card (version 1.2, full width) for a Teams Workflows
/// (Power Automate) webhook: the title as a bold heading coloured Attention while firing and Good once resolved,
/// then the text. Only 5xx are retried.
/// </summary>
public sealed class TeamsV2Notifier : HttpNotifier<MSTeamsV2Config>
{
    public TeamsV2Notifier(MSTeamsV2Config config, HttpClient client)
        : base(config, client)
    {
    }

    public override string Integration => "msteamsv2";

    public override async Task NotifyAsync(NotificationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = Render(request);
        await PostJsonToWebhookAsync(Config.WebhookUrl, Config.WebhookUrlFile, "msteamsv2 webhook_url", body, cancellationToken, HttpRetryPolicy.ServerErrors).ConfigureAwait(false);
    }

    /// <summary>The Workflows message for <paramref name="request"/>.</summary>
    internal string Render(NotificationRequest request)
    {
        var t = new TemplateExpander(request, Integration);
        var heading = new JsonObject { ["type"] = "TextBlock", ["text"] = t.Expand("title", Config.Title) }
            .With("weight", "Bolder").With("size", "Medium").With("wrap", true).With("style", "heading")
            .With("color", t.Data.Status == "firing" ? "Attention" : "Good");
        var text = new JsonObject { ["type"] = "TextBlock", ["text"] = t.Expand("text", Config.Text), ["wrap"] = true };
        var card = new JsonObject
        {
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["type"] = "AdaptiveCard",
            ["version"] = "1.2",
            ["body"] = new JsonArray(heading, text),
            ["msteams"] = new JsonObject { ["width"] = "full" },
        };
        var message = new JsonObject
        {
            ["type"] = "message",
            ["attachments"] = new JsonArray(new JsonObject
            {
                ["contentType"] = "application/vnd.microsoft.card.adaptive",
                ["contentUrl"] = null,
                ["content"] = card,
            }),
        };
        return JsonBodies.WriteGo(message);
    }
}
