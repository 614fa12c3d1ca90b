namespace Argus.Alerting.TimeIntervals;

/// <summary>An inclusive range of integers (weekdays with Sunday = 0, days of the month where negative
/// values count from the month's end, months 1–12, or years), as written <c>"monday:friday"</c> or <c>"5"</c>.</summary>
public readonly record struct InclusiveRange(int Begin, int End)
{
    public bool Contains(int value) => value >= Begin && value <= End;

    public override string ToString() => Begin == End ? Begin.ToString(System.Globalization.CultureInfo.InvariantCulture) : FormattableString.Invariant($"{Begin}:{End}");
}
