namespace Argus.Scrape.RemoteWrite;

/// <summary>Counters of the remote-write receiver, updated with <see cref="Interlocked"/>.</summary>
public sealed class RemoteWriteStats
{
    public long Requests;
    public long RequestsRejected;
    public long SamplesAppended;
    public long SamplesWithInvalidLabels;
    public long SamplesOutOfOrder;
    public long ExemplarsDropped;
    public long HistogramsDropped;
    public long MetadataIgnored;
}
