namespace Argus.Alerting.Silences;

/// <summary>A silence breaks one of Alertmanager's rules; the message is the one Alertmanager gives (the API answers 400).</summary>
public sealed class SilenceValidationException(string message) : Exception(message);
