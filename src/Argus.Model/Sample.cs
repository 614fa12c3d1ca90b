namespace Argus.Model;

/// <summary>One float sample: a millisecond timestamp and a value.</summary>
public readonly record struct Sample(long TimestampMs, double Value);
