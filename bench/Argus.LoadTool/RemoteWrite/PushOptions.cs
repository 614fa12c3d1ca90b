namespace Argus.LoadTool.RemoteWrite;

/// <summary>Where and how hard to push: the write URL, parallel requests in flight and samples per request.</summary>
internal sealed record PushOptions(Uri WriteUrl, int Concurrency, int BatchSize, TimeSpan RequestTimeout);
