using System.Globalization;
using Argus.Alerting.Config.Receivers;
using Argus.Notify.Integrations.Http;

namespace Argus.Notify.Integrations.Pushover;

/// <summary>
/// <c>pushover_configs</c>: the Messages API (<c>https://api.pushover.net/1/messages.json</c>) with the parameters
/// Alertmanager sends: token, user, title (cut at 250 runes), message (with <c>html</c> a text template, as for e-mail;
/// cut at 1024 runes; "(no details)" when empty), supplementary url (512 runes) and title, priority, retry and expire
/// in seconds (Pushover needs them for emergency priority 2), device, sound, and ttl when set. Unlike Alertmanager,
/// which puts them in the URL's query, Argus sends them as a form body so the token stays out of access logs. Only
/// 5xx are retried.
/// </summary>
public sealed class PushoverNotifier : HttpNotifier<PushoverConfig>
{
    public static readonly Uri DefaultApiUrl = new("https://api.pushover.net/1/messages.json");

    private const int MaxTitleRunes = 250;
    private const int MaxMessageRunes = 1024;
    private const int MaxUrlRunes = 512;

    private readonly Uri _apiUrl;

    public PushoverNotifier(PushoverConfig config, HttpClient client, Uri? apiUrl = null)
        : base(config, client)
    {
        _apiUrl = apiUrl ?? DefaultApiUrl;
    }

    public override string Integration => "pushover";

    public override async Task NotifyAsync(NotificationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var message = new HttpRequestMessage(HttpMethod.Post, _apiUrl) { Content = new FormUrlEncodedContent(Render(request)) };
        await HttpDelivery.SendForBodyAsync(Client, message, Integration, TimeSpan.Zero, cancellationToken, HttpRetryPolicy.ServerErrors).ConfigureAwait(false);
    }

    /// <summary>The form parameters for <paramref name="request"/>, sorted by name as Go encodes them.</summary>
    internal IReadOnlyList<KeyValuePair<string, string>> Render(NotificationRequest request)
    {
        var t = new TemplateExpander(request, Integration);
        var form = new List<KeyValuePair<string, string>>
        {
            new("token", t.Expand("token", ConfigValues.SecretOrFile(Config.Token, Config.TokenFile, "pushover token"))),
            new("user", t.Expand("user_key", ConfigValues.SecretOrFile(Config.UserKey, Config.UserKeyFile, "pushover user_key"))),
            new("title", TextLimits.InRunes(t.Expand("title", Config.Title), MaxTitleRunes)),
        };
        if (Config.Html)
        {
            form.Add(new("html", "1"));
        }
        else if (Config.Monospace)
        {
            form.Add(new("monospace", "1"));
        }
        // Alertmanager expands an html message with Go's html/template; Argus, as for e-mail, with text/template:
        // escape label values with the html function where they may contain markup.
        var message = TextLimits.InRunes(t.Expand("message", Config.Message), MaxMessageRunes).Trim();
        form.Add(new("message", message.Length == 0 ? "(no details)" : message));
        form.Add(new("url", TextLimits.InRunes(t.Expand("url", Config.Url), MaxUrlRunes)));
        form.Add(new("url_title", t.Expand("url_title", Config.UrlTitle)));
        form.Add(new("priority", t.Expand("priority", Config.Priority)));
        form.Add(new("retry", Seconds(Config.Retry)));
        form.Add(new("expire", Seconds(Config.Expire)));
        form.Add(new("device", t.Expand("device", Config.Device)));
        form.Add(new("sound", t.Expand("sound", Config.Sound)));
        if (Config.Ttl >= TimeSpan.FromSeconds(1))
        {
            form.Add(new("ttl", Seconds(Config.Ttl)));
        }
        // Go's url.Values.Encode sorts by key.
        return form.OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
    }

    private static string Seconds(TimeSpan duration) => ((long)duration.TotalSeconds).ToString(CultureInfo.InvariantCulture);
}
