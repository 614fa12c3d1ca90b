namespace Argus.Notify.Tests;

/// <summary>One request a <see cref="LoopbackHttpServer"/> received.</summary>
internal sealed record RecordedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : string.Empty;
}
