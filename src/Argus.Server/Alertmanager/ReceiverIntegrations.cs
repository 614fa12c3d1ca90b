using Argus.Alerting.Config;
using Argus.Alerting.Config.Receivers;
using Argus.Instrumentation.Exposition;
using Argus.Instrumentation.Metrics;
using Argus.Notify;
using Microsoft.Extensions.Logging;

namespace Argus.Server.Alertmanager;

/// <summary>
/// The one place that turns a receiver's configuration into integrations, for both <c>argus alertmanager</c>
/// and <c>argus server</c>. A kind Argus cannot deliver through is logged as an error naming the receiver and
/// its line and skipped, so the receiver's other integrations still deliver.
/// </summary>
public static class ReceiverIntegrations
{
    /// <param name="registry">Where the integrations' own counters are published (SMS and voice messages dropped by
    /// their rate limits, as <c>argus_notifications_rate_limited_total</c>); none when null.</param>
    public static Func<Receiver, IReadOnlyList<INotifier>> Create(ILogger logger, TimeProvider? time = null, MetricsRegistry? registry = null)
    {
        // One factory for the process: integrations that share an http_config share its HttpClient, and the
        // SMS and voice rate limits outlive configuration reloads.
        var factory = new NotifierFactory(time, logger);
        if (registry is not null)
        {
            var limited = registry.CallbackFamily("argus_notifications_rate_limited_total",
                "Messages an SMS or voice integration did not send because the number's rate_limit was reached.", MetricType.Counter, "integration");
            limited.Set(() => factory.PhoneStats.SmsRateLimited, "sms");
            limited.Set(() => factory.PhoneStats.VoiceRateLimited, "voice");
        }
        return receiver =>
        {
            var supported = new List<NotifierConfig>(receiver.Integrations.Count);
            foreach (var integration in receiver.Integrations)
            {
                if (NotifierFactory.IsSupported(integration))
                {
                    supported.Add(integration);
                }
                else
                {
                    logger.LogError("Receiver {receiver}: {kind} (line {line}) is not supported by Argus yet; its notifications are not delivered",
                        receiver.Name, integration.Kind, integration.Line);
                }
            }
            return factory.Create(supported.Count == receiver.Integrations.Count ? receiver : new Receiver(receiver.Name, supported));
        };
    }
}
