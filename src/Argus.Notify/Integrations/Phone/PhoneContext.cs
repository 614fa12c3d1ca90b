using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Argus.Notify.Integrations.Phone;

/// <summary>What a phone notifier shares beyond its configuration: its entry's rate-limit state, the counters, the
/// log and the clock.</summary>
public sealed record PhoneContext(PhoneRateLimiter Limiter, PhoneDeliveryStats Stats, ILogger Logger, TimeProvider Time)
{
    /// <summary>A context of its own (fresh limiter and counters), for notifiers built outside a factory.</summary>
    public static PhoneContext Standalone(TimeProvider? time = null) => new(new PhoneRateLimiter(), new PhoneDeliveryStats(), NullLogger.Instance, time ?? TimeProvider.System);
}
