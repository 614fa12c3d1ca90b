namespace Argus.Rules.Tests.Notifier;

/// <summary>One request a <see cref="FakeAlertmanager"/> received; <paramref name="Headers"/> joins repeated
/// values with a comma.</summary>
internal sealed record ReceivedPost(string Method, string Path, string? ContentType, string? Authorization, string? UserAgent, string Body,
    IReadOnlyDictionary<string, string> Headers);
