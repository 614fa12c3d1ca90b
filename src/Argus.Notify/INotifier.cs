namespace Argus.Notify;

/// <summary>
/// One configured integration of a receiver (one entry of <c>email_configs</c>, <c>webhook_configs</c>,
/// <c>sms_configs</c>, …). The dispatcher's pipeline decides when and what to send (grouping, silences,
/// inhibition, de-duplication, retries); an integration only renders and delivers one notification.
/// </summary>
public interface INotifier
{
    /// <summary>The integration's name as Alertmanager's metrics and API label it (<c>email</c>, <c>webhook</c>,
    /// <c>slack</c>, <c>wechat</c>, <c>dingtalk</c>, <c>feishu</c>, <c>sms</c>, <c>voice</c>, …).</summary>
    string Integration { get; }

    /// <summary>Whether resolved alerts are delivered (<c>send_resolved</c>); when false the pipeline leaves them
    /// out and skips the notification entirely if nothing firing remains.</summary>
    bool SendResolved { get; }

    /// <summary>Renders and delivers one notification for <paramref name="request"/>.</summary>
    /// <exception cref="NotifyException">Delivery failed; <see cref="NotifyException.Retryable"/> says whether
    /// trying again can help (a 5xx or a timeout can, a 4xx or a template error cannot).</exception>
    Task NotifyAsync(NotificationRequest request, CancellationToken cancellationToken);
}
