namespace Argus.LoadTool.RemoteWrite;

/// <summary>Counters of one push run, updated with <see cref="Interlocked"/> by the sending workers.</summary>
internal sealed class PushStats
{
    public long SamplesSent;
    public long SamplesRejected;
    public long Requests;
    public long RejectedRequests;
    public long TransportErrors;
    public long CompressedBytes;
    public long UncompressedBytes;

    private string? _firstError;

    /// <summary>The first failure seen (status and body, or exception), or null when every request succeeded.</summary>
    public string? FirstError => Volatile.Read(ref _firstError);

    public void RecordError(string error) => Interlocked.CompareExchange(ref _firstError, error, null);
}
