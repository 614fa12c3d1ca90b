namespace Argus.Alerting.Persistence;

/// <summary>
/// How a <see cref="SnapshotLog{T}"/> turns a record into bytes and back, and how it decides which of two
/// records for the same key is current. A record is the full state of one item, never a delta.
/// </summary>
public interface ISnapshotRecordCodec<T>
{
    /// <summary>The identity of the item the record describes (a silence id, a notification-log key).</summary>
    string KeyOf(T record);

    /// <summary>True when <paramref name="candidate"/> is at least as recent as <paramref name="known"/>;
    /// replay keeps the most recent state per key, so re-applying an old log after a snapshot changes nothing.</summary>
    bool IsNewerOrSame(T candidate, T known);

    byte[] Encode(T record);

    /// <exception cref="InvalidDataException">the payload is not a valid record.</exception>
    T Decode(byte[] payload);
}
