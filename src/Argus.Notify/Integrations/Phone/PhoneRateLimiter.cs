using Argus.Alerting.Config.Receivers;

namespace Argus.Notify.Integrations.Phone;

/// <summary>
/// Sliding-window counts of the messages one SMS or voice entry delivered to each number. A send reserves a slot
/// (<see cref="TryAcquire"/>) and gives it back when it fails (<see cref="Release"/>), so only delivered messages count.
/// Kept by the <see cref="NotifierFactory"/> per entry across configuration reloads. Thread-safe.
/// </summary>
public sealed class PhoneRateLimiter
{
    private readonly Dictionary<string, List<DateTimeOffset>> _sent = new(StringComparer.Ordinal);

    /// <summary>Reserves a slot for <paramref name="recipient"/> at <paramref name="now"/> unless <paramref name="limit"/> is reached.</summary>
    public bool TryAcquire(string recipient, PhoneRateLimit limit, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(limit);
        lock (_sent)
        {
            if (!_sent.TryGetValue(recipient, out var times))
            {
                times = [];
                _sent[recipient] = times;
            }
            times.RemoveAll(t => t <= now - limit.Per);
            if (times.Count >= limit.Max)
            {
                return false;
            }
            times.Add(now);
            return true;
        }
    }

    /// <summary>Gives back the slot reserved at <paramref name="at"/> (the send failed).</summary>
    public void Release(string recipient, DateTimeOffset at)
    {
        lock (_sent)
        {
            if (_sent.TryGetValue(recipient, out var times))
            {
                times.Remove(at);
            }
        }
    }
}
