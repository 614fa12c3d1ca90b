namespace Argus.PromQL.Engine;

/// <summary>One float point of a series: timestamp in ms and value.</summary>
public readonly record struct FPoint(long T, double F);
