using System.Text.Json.Nodes;
using Argus.Alerting.Config.Receivers;
using Argus.Notify.Integrations.Http;

namespace Argus.Notify.Integrations.Teams;

/// <summary>
/// <c>msteams_configs</c>: a legacy Office 365 connector MessageCard (title, summary, text, and a theme colour: red
/// while firing, green once resolved) posted to the incoming webhook (inline or from a file). Only 5xx are retried.
/// </summary>
public sealed class TeamsNotifier : HttpNotifier<MSTeamsConfig>
{
    private const string Red = "8C1A1A";
    private const string Green = "2DC72D";

    public TeamsNotifier(MSTeamsConfig config, HttpClient client)
        : base(config, client)
    {
    }

    public override string Integration => "msteams";

    public override async Task NotifyAsync(NotificationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = Render(request);
        await PostJsonToWebhookAsync(Config.WebhookUrl, Config.WebhookUrlFile, "msteams webhook_url", body, cancellationToken, HttpRetryPolicy.ServerErrors).ConfigureAwait(false);
    }

    /// <summary>The MessageCard for <paramref name="request"/>.</summary>
    internal string Render(NotificationRequest request)
    {
        var t = new TemplateExpander(request, Integration);
        var card = new JsonObject
        {
            ["@context"] = "http://schema.org/extensions",
            ["type"] = "MessageCard",
            ["title"] = t.Expand("title", Config.Title),
            ["summary"] = t.Expand("summary", Config.Summary),
            ["text"] = t.Expand("text", Config.Text),
            ["themeColor"] = t.Data.Status == "firing" ? Red : Green,
        };
        return JsonBodies.WriteGo(card);
    }
}
