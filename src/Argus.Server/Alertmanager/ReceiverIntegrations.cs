using Argus.Alerting.Config;
using Argus.Alerting.Config.Receivers;
using Argus.Notify;
using Microsoft.Extensions.Logging;

namespace Argus.Server.Alertmanager;

/// <summary>
/// The one place that turns a receiver's configuration into integrations, for both <c>argus alertmanager</c>
/// and <c>argus server</c>. A kind Argus cannot deliver through yet (e.g. PagerDuty) is logged as an error
/// naming the receiver and its line and skipped, so the receiver's other integrations still deliver.
/// </summary>
public static class ReceiverIntegrations
{
    public static Func<Receiver, IReadOnlyList<INotifier>> Create(ILogger logger, TimeProvider? time = null)
    {
        // One factory for the process: integrations that share an http_config share its HttpClient.
        var factory = new NotifierFactory(time);
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
