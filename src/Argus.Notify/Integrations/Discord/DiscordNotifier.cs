using System.Text.Json.Nodes;
using Argus.Alerting.Config.Receivers;
using Argus.Notify.Integrations.Http;

namespace Argus.Notify.Integrations.Discord;

/// <summary>
/// <c>discordConfigs</c>: executes a Discord webhook with one embed (title, description, a red or green
/// colour by status) and optional plain <c>content</c>, user name and avatar. Discord's limits (title 256,
/// description 4096, content 2000 characters) are applied by cutting with an ellipsis, as Alertmanager does.
/// </summary>
public sealed class DiscordNotifier : HttpNotifier<DiscordConfig>
{
    private const int MaxTitle = 256;
    private const int MaxDescription = 4096;
    private const int MaxContent = 2000;
    private const int FiringColor = 0x992D22;
    private const int ResolvedColor = 0x2ECC71;


    public DiscordNotifier(DiscordConfig config, HttpClient client)
        : base(config, client)
    {
    }

    public override string Integration => "discord";

    public override async Task NotifyAsync(NotificationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = Render(request);
        var url = ConfigValues.AbsoluteUrl(ConfigValues.UrlOrFile(Config.WebhookUrl, Config.WebhookUrlFile, "discord webhook_url"), "discord webhook_url");
        await HttpDelivery.PostJsonAsync(Client, url, body, Integration, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The webhook body for <paramref name="request"/>.</summary>
    internal string Render(NotificationRequest request)
    {
        var t = new TemplateExpander(request, Integration);
        var body = new JsonObject()
            .AddIfNotEmpty("content", Cut(t.Expand("content", Config.Content), MaxContent));
        body["embeds"] = new JsonArray(new JsonObject
        {
            ["title"] = Cut(t.Expand("title", Config.Title), MaxTitle),
            ["description"] = Cut(t.Expand("message", Config.Message), MaxDescription),
            ["color"] = t.Data.Status == "firing" ? FiringColor : ResolvedColor,
        });
        body.AddIfNotEmpty("username", t.Expand("username", Config.Username));
        body.AddIfNotEmpty("avatar_url", t.Expand("avatar_url", Config.AvatarUrl));
        return JsonBodies.Write(body);
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
