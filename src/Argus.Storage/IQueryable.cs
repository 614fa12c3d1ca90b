namespace Argus.Storage;

/// <summary>Something that can be read: the TSDB (head and blocks), remote read, or a merge of several.</summary>
public interface IQueryable
{
    /// <summary>A querier over samples with timestamps in [<paramref name="minTimeMs"/>, <paramref name="maxTimeMs"/>].
    /// The querier pins the data it reads until disposed.</summary>
    IQuerier CreateQuerier(long minTimeMs, long maxTimeMs);
}
