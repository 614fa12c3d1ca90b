namespace Argus.PromQL.Engine;

/// <summary>The samples of one series inside one step's window <c>(End - Range, End]</c>.</summary>
internal readonly ref struct RangeWindow(ReadOnlySpan<long> t, ReadOnlySpan<double> f, long end, long range, long stepTime, int step)
{
    public ReadOnlySpan<long> T { get; } = t;

    public ReadOnlySpan<double> F { get; } = f;

    public long End { get; } = end;

    public long Range { get; } = range;

    public long StepTime { get; } = stepTime;

    public int Step { get; } = step;

    public int Count => T.Length;
}
