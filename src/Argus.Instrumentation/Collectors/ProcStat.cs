using System.Globalization;

namespace Argus.Instrumentation.Collectors;

/// <summary>The fields of Linux <c>/proc/&lt;pid&gt;/stat</c> that the process metrics use (see proc(5)).</summary>
internal readonly record struct ProcStat(long UserTicks, long SystemTicks, long StartTicks, double VirtualBytes, long ResidentPages)
{
    /// <summary>Parses the one-line stat text. The command name (field 2) is in parentheses and may
    /// itself contain spaces and parentheses, so fields are counted from the last ')'.</summary>
    public static ProcStat Parse(string text)
    {
        var close = text.LastIndexOf(')');
        if (close < 0)
        {
            throw new FormatException("malformed /proc stat line: no ')' after the command name");
        }
        // fields[0] is field 3 (state) of proc(5).
        var fields = text[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 22)
        {
            throw new FormatException($"malformed /proc stat line: {fields.Length + 2} fields");
        }
        return new ProcStat(
            UserTicks: Field(fields, 14),
            SystemTicks: Field(fields, 15),
            StartTicks: Field(fields, 22),
            VirtualBytes: Field(fields, 23),
            ResidentPages: Field(fields, 24));
    }

    private static long Field(string[] fields, int procFieldNumber) =>
        long.Parse(fields[procFieldNumber - 3], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
}
