using System.Collections.Concurrent;

namespace Argus.Notify.Integrations.Slack;

/// <summary>
/// For <c>update_message</c>: the Slack message (channel id and timestamp) each alert group last posted, so later
/// notifications of the group edit it with <c>chat.update</c>. Kept by the <see cref="NotifierFactory"/> per entry,
/// in memory: after a restart a group's next notification posts a new message. Bounded; thread-safe.
/// </summary>
public sealed class SlackMessageRefs
{
    /// <summary>More groups than this are not tracked at once: the oldest entries go first.</summary>
    private const int Capacity = 10_000;

    private readonly ConcurrentDictionary<string, (string Channel, string Ts, long Order)> _messages = new(StringComparer.Ordinal);
    private long _order;

    public bool TryGet(string groupKey, out string channel, out string ts)
    {
        if (_messages.TryGetValue(groupKey, out var entry))
        {
            (channel, ts) = (entry.Channel, entry.Ts);
            return true;
        }
        (channel, ts) = (string.Empty, string.Empty);
        return false;
    }

    public void Set(string groupKey, string channel, string ts)
    {
        _messages[groupKey] = (channel, ts, Interlocked.Increment(ref _order));
        if (_messages.Count > Capacity)
        {
            foreach (var oldest in _messages.OrderBy(e => e.Value.Order).Take(_messages.Count - Capacity).ToList())
            {
                _messages.TryRemove(oldest.Key, out _);
            }
        }
    }

    public void Forget(string groupKey) => _messages.TryRemove(groupKey, out _);
}
