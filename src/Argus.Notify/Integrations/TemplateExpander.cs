using Argus.Alerting.Alerts;
using Argus.Alerting.Silences;
using Argus.Model.Labels;
using Argus.Templates;
using Argus.Templates.Alertmanager;

namespace Argus.Notify.Integrations;

/// <summary>
/// The template side of one notification: the request turned into Alertmanager's template data, and the
/// expansion of an integration's text fields against it. A template that fails to parse or execute is a
/// configuration problem, so it becomes a non-retryable <see cref="NotifyException"/> naming the field.
/// </summary>
public sealed class TemplateExpander
{
    private readonly AlertmanagerTemplates _templates;
    private readonly string _integration;

    public TemplateExpander(NotificationRequest request, string integration)
    {
        ArgumentNullException.ThrowIfNull(request);
        _templates = request.Templates;
        _integration = integration;
        Data = CreateData(request, request.Alerts);
    }

    /// <summary>The data templates see (<c>.Status</c>, <c>.Alerts</c>, <c>.CommonLabels</c>, …).</summary>
    public NotificationData Data { get; }

    /// <summary>Expands <paramref name="text"/> (a config field named <paramref name="field"/>) against <see cref="Data"/>.</summary>
    /// <exception cref="NotifyException">The text does not parse or fails to execute (not retryable).</exception>
    public string Expand(string field, string? text) => Expand(field, text, Data);

    /// <summary>Expands <paramref name="text"/> against other data (e.g. the notification plus a phone recipient).</summary>
    /// <exception cref="NotifyException">The text does not parse or fails to execute (not retryable).</exception>
    public string Expand(string field, string? text, object data)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }
        try
        {
            return _templates.ExecuteText(text, data);
        }
        catch (Exception ex) when (ex is TemplateParseException or TemplateExecutionException)
        {
            throw new NotifyException($"{_integration}: expanding template of {field}: {ex.Message}", retryable: false, ex);
        }
    }

    /// <summary>
    /// Builds the template data of <paramref name="alerts"/> (all or a truncated prefix of the request's): status
    /// firing when any alert is still firing at the request's <c>Now</c>, common labels and annotations, group
    /// labels, fingerprints as 16 hex digits, and the external URL without a trailing slash.
    /// </summary>
    public static NotificationData CreateData(NotificationRequest request, IReadOnlyList<Alert> alerts)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(alerts);
        var converted = alerts.Select(a => ToTemplateAlert(a, request.Now)).ToList();
        var data = NotificationData.Create(request.Receiver, ToDictionary(request.GroupLabels), converted, ExternalUrlText(request.ExternalUrl));
        if (request.AckUrl is null && request.EscalationStep == 0 && request.Silence is null)
        {
            return data;
        }
        return new NotificationData
        {
            Receiver = data.Receiver,
            Status = data.Status,
            Alerts = data.Alerts,
            GroupLabels = data.GroupLabels,
            CommonLabels = data.CommonLabels,
            CommonAnnotations = data.CommonAnnotations,
            ExternalURL = data.ExternalURL,
            AckURL = request.AckUrl ?? string.Empty,
            EscalationStep = request.EscalationStep,
            Silence = request.Silence is { } notice ? ToTemplateSilence(notice) : null,
        };
    }

    /// <summary>The silence of a lifecycle notification as templates see it.</summary>
    public static NotificationSilence ToTemplateSilence(SilenceNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var silence = notice.Silence;
        return new NotificationSilence
        {
            Event = notice.KindName,
            ID = silence.Id,
            Matchers = "{" + string.Join(", ", silence.Matchers) + "}",
            CreatedBy = silence.CreatedBy,
            Comment = silence.Comment,
            StartsAt = new DateTimeOffset(DateTime.SpecifyKind(silence.StartsAt, DateTimeKind.Utc)),
            EndsAt = new DateTimeOffset(DateTime.SpecifyKind(silence.EndsAt, DateTimeKind.Utc)),
        };
    }

    /// <summary>The external URL as Alertmanager prints it: no trailing slash.</summary>
    public static string ExternalUrlText(Uri externalUrl)
    {
        ArgumentNullException.ThrowIfNull(externalUrl);
        return externalUrl.ToString().TrimEnd('/');
    }

    /// <summary>
    /// One alert as templates and the webhook see it. Like Alertmanager, a firing alert's end time is not
    /// exposed (Go's zero time) even when the alert carries a provisional one from <c>resolve_timeout</c>.
    /// </summary>
    public static NotificationAlert ToTemplateAlert(Alert alert, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var resolved = alert.IsResolved(now);
        return new NotificationAlert
        {
            Status = resolved ? "resolved" : "firing",
            Labels = new KV(ToDictionary(alert.Labels)),
            Annotations = new KV(ToDictionary(alert.Annotations)),
            StartsAt = new DateTimeOffset(DateTime.SpecifyKind(alert.StartsAt, DateTimeKind.Utc)),
            EndsAt = resolved ? new DateTimeOffset(DateTime.SpecifyKind(alert.EndsAt, DateTimeKind.Utc)) : DateTimeOffset.MinValue,
            GeneratorURL = alert.GeneratorUrl,
            Fingerprint = alert.Fingerprint.ToString("x16", System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    private static Dictionary<string, string> ToDictionary(LabelSet labels)
    {
        var result = new Dictionary<string, string>(labels.Count, StringComparer.Ordinal);
        foreach (var label in labels)
        {
            result[label.Name] = label.Value;
        }
        return result;
    }
}
