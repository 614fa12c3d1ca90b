namespace Argus.Rules.Tests.Notifier;

/// <summary>One request a <see cref="FakeAlertmanager"/> received.</summary>
internal sealed record ReceivedPost(string Method, string Path, string? ContentType, string? Authorization, string? UserAgent, string Body);
