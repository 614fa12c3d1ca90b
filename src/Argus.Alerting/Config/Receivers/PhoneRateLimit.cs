namespace Argus.Alerting.Config.Receivers;

/// <summary>
/// <c>rate_limit</c> of an SMS or voice entry: at most <paramref name="Max"/> messages to one number within any
/// window of length <paramref name="Per"/>. What is over the limit is dropped (counted and logged), not retried.
/// </summary>
public sealed record PhoneRateLimit(int Max, TimeSpan Per);
