using Argus.Alerting.Config;
using Argus.Notify;
using Microsoft.Extensions.Logging;

namespace Argus.Server.Alertmanager;

/// <summary>
/// The one place that turns a receiver's configuration into integrations for both <c>argus alertmanager</c> and
/// <c>argus server</c>. The integrations themselves (webhook, email, chat, SMS, voice) are built by the
/// integration factory of Argus.Notify.Integrations; until that factory is part of the build, receivers with
/// integrations are reported once each and their notifications are not delivered (the pipeline still groups,
/// de-duplicates and records them).
/// </summary>
public static class ReceiverIntegrations
{
    public static Func<Receiver, IReadOnlyList<INotifier>> Create(ILogger logger) => receiver =>
    {
        if (receiver.Integrations.Count > 0)
        {
            logger.LogWarning("Receiver {receiver} has {count} integrations, but this build has no integration factory; its notifications are not delivered",
                receiver.Name, receiver.Integrations.Count);
        }
        return [];
    };
}
