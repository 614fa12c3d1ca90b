namespace Argus.LoadTool.RemoteWrite;

/// <summary>Outcome of a push run: wall time and the counters; <see cref="Succeeded"/> is false on any rejection or error.</summary>
internal sealed record PushResult(TimeSpan Elapsed, PushStats Stats)
{
    public bool Succeeded => Stats.RejectedRequests == 0 && Stats.TransportErrors == 0;

    public double SamplesPerSecond => Stats.SamplesSent / Math.Max(Elapsed.TotalSeconds, 1e-9);
}
