namespace Argus.Alerting.Silences;

/// <summary>No silence has the given id (the API answers 404).</summary>
public sealed class SilenceNotFoundException(string id) : Exception($"silence {id} not found")
{
    public string Id { get; } = id;
}
