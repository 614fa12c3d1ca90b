using System.Text.RegularExpressions;
using Argus.Model.Labels;

namespace Argus.PromQL.Testing;

/// <summary>Reads a PromQL test script (the load/eval language of Prometheus' promqltest) into commands.</summary>
public static partial class ScriptParser
{
    [GeneratedRegex(@"^(eval|eval_fail|eval_warn|eval_info|eval_ordered)\s+instant\s+at\s+(\S+)\s+(.+)$")]
    private static partial Regex InstantPattern();

    [GeneratedRegex(@"^(eval|eval_fail|eval_warn|eval_info|eval_ordered)\s+range\s+from\s+(\S+)\s+to\s+(\S+)\s+step\s+(\S+)\s+(.+)$")]
    private static partial Regex RangePattern();

    [GeneratedRegex(@"^load(_with_nhcb)?\s+(\S+)$")]
    private static partial Regex LoadPattern();

    [GeneratedRegex(@"^expect\s+range\s+vector\s+from\s+(\S+)\s+to\s+(\S+)\s+step\s+(\S+)$")]
    private static partial Regex RangeVectorPattern();

    public static List<ScriptCommand> Parse(string text)
    {
        var lines = text.Split('\n').Select(l => l.Trim(' ', '\t', '\r')).ToArray();
        var commands = new List<ScriptCommand>();
        var i = 0;
        while (i < lines.Length)
        {
            var line = lines[i];
            if (line.Length == 0 || line.StartsWith('#'))
            {
                i++;
                continue;
            }
            var lineNo = i + 1;
            var body = new List<(int, string)>();
            var j = i + 1;
            while (j < lines.Length && lines[j].Length > 0 && !lines[j].StartsWith('#') && !StartsCommand(lines[j]))
            {
                body.Add((j + 1, lines[j]));
                j++;
            }
            i = j;
            try
            {
                if (line == "clear")
                {
                    commands.Add(new ClearCommand(lineNo));
                    i = lineNo;
                    continue;
                }
                if (line.StartsWith("load", StringComparison.Ordinal))
                {
                    commands.Add(ParseLoad(lineNo, line, body));
                }
                else if (line.StartsWith("eval", StringComparison.Ordinal))
                {
                    commands.Add(ParseEval(lineNo, line, body));
                }
                else
                {
                    throw new ScriptFormatException(lineNo, $"unknown command \"{line.Split(' ')[0]}\"");
                }
            }
            catch (FormatException ex)
            {
                throw new ScriptFormatException(lineNo, ex.Message);
            }
        }
        return commands;
    }

    private static bool StartsCommand(string line) =>
        line == "clear" || line.StartsWith("eval ", StringComparison.Ordinal) || line.StartsWith("eval_", StringComparison.Ordinal) ||
        line.StartsWith("load ", StringComparison.Ordinal) || line.StartsWith("load_with_nhcb ", StringComparison.Ordinal);

    private static LoadCommand ParseLoad(int lineNo, string line, List<(int Line, string Text)> body)
    {
        var m = LoadPattern().Match(line);
        if (!m.Success)
        {
            throw new ScriptFormatException(lineNo, $"invalid load command: {line}");
        }
        var step = SeriesNotation.ParseDuration(m.Groups[2].Value);
        var series = new List<(LabelSet, IReadOnlyList<Slot>)>();
        foreach (var (ln, text) in body)
        {
            var (desc, rest) = SeriesNotation.SplitSeries(text);
            if (desc.EndsWith("@st", StringComparison.Ordinal))
            {
                // Start-timestamp lines feed an experimental feature Argus does not store.
                continue;
            }
            try
            {
                var labels = SeriesNotation.ParseLabels(desc);
                var slots = SeriesNotation.ParseValues(rest);
                var existing = series.FindIndex(s => s.Item1 == labels);
                if (existing >= 0)
                {
                    series[existing] = (labels, slots);
                }
                else
                {
                    series.Add((labels, slots));
                }
            }
            catch (FormatException ex)
            {
                throw new ScriptFormatException(ln, ex.Message);
            }
        }
        return new LoadCommand(lineNo, step, m.Groups[1].Success, series);
    }

    private static EvalCommand ParseEval(int lineNo, string line, List<(int Line, string Text)> body)
    {
        EvalCommand cmd;
        string kind;
        var mi = InstantPattern().Match(line);
        if (mi.Success)
        {
            kind = mi.Groups[1].Value;
            var at = SeriesNotation.ParseDuration(mi.Groups[2].Value);
            cmd = new EvalCommand(lineNo, mi.Groups[3].Value, false, at, at, 0);
        }
        else
        {
            var mr = RangePattern().Match(line);
            if (!mr.Success)
            {
                throw new ScriptFormatException(lineNo, $"invalid eval command: {line}");
            }
            kind = mr.Groups[1].Value;
            var start = SeriesNotation.ParseDuration(mr.Groups[2].Value);
            var end = SeriesNotation.ParseDuration(mr.Groups[3].Value);
            var step = SeriesNotation.ParseDuration(mr.Groups[4].Value);
            if (end < start)
            {
                throw new ScriptFormatException(lineNo, "end timestamp must not be before start time");
            }
            cmd = new EvalCommand(lineNo, mr.Groups[5].Value, true, start, end, step);
        }
        switch (kind)
        {
            case "eval_fail":
                cmd.ExpectFail = true;
                break;
            case "eval_warn":
                cmd.AnyWarn = true;
                break;
            case "eval_info":
                cmd.AnyInfo = true;
                break;
            case "eval_ordered":
                cmd.Ordered = true;
                break;
        }
        foreach (var (ln, text) in body)
        {
            if (text.Contains("{{", StringComparison.Ordinal))
            {
                cmd.UsesHistograms = true;
            }
            if (text.StartsWith("expected_fail_message ", StringComparison.Ordinal))
            {
                cmd.FailMessage = text["expected_fail_message ".Length..].Trim();
                break;
            }
            if (text.StartsWith("expected_fail_regexp ", StringComparison.Ordinal))
            {
                cmd.FailRegex = text["expected_fail_regexp ".Length..].Trim();
                break;
            }
            if (text.StartsWith("expect ", StringComparison.Ordinal))
            {
                ParseExpect(ln, text, cmd);
                continue;
            }
            if (SeriesNotation.TryParseFloat(text, out var scalar))
            {
                cmd.ExpectedScalar = scalar;
                break;
            }
            var (desc, rest) = SeriesNotation.SplitSeries(text);
            try
            {
                var labels = SeriesNotation.ParseLabels(desc);
                var slots = SeriesNotation.ParseValues(rest);
                if (!cmd.Range && cmd.RangeVector is null && slots.Count != 1)
                {
                    throw new ScriptFormatException(ln, "expected exactly one value for an instant query");
                }
                cmd.Expected.Add(new ExpectedSeries(labels, slots));
            }
            catch (FormatException ex)
            {
                throw new ScriptFormatException(ln, ex.Message);
            }
        }
        if ((cmd.NoWarn && cmd.Annotations.Any(a => a.Warning)) || (cmd.NoInfo && cmd.Annotations.Any(a => !a.Warning)))
        {
            throw new ScriptFormatException(lineNo, "expect warn/info cannot be combined with expect no_warn/no_info");
        }
        return cmd;
    }

    private static void ParseExpect(int ln, string text, EvalCommand cmd)
    {
        var rest = text["expect ".Length..].Trim();
        var rv = RangeVectorPattern().Match(text);
        if (rv.Success)
        {
            cmd.RangeVector = (SeriesNotation.ParseDuration(rv.Groups[1].Value), SeriesNotation.ParseDuration(rv.Groups[2].Value), SeriesNotation.ParseDuration(rv.Groups[3].Value));
            return;
        }
        if (rest == "ordered")
        {
            cmd.Ordered = true;
            return;
        }
        if (rest == "no_warn")
        {
            cmd.NoWarn = true;
            return;
        }
        if (rest == "no_info")
        {
            cmd.NoInfo = true;
            return;
        }
        if (rest.StartsWith("string", StringComparison.Ordinal))
        {
            var s = rest["string".Length..].Trim();
            var i = 0;
            cmd.ExpectedString = SeriesNotation.ReadQuoted(s, ref i);
            return;
        }
        var word = rest.Split(' ', 2)[0].TrimEnd(':');
        var tail = rest[word.Length..].Trim();
        string? msg = null, regex = null;
        if (tail.StartsWith("msg:", StringComparison.Ordinal))
        {
            msg = tail[4..].Trim();
        }
        else if (tail.StartsWith("regex:", StringComparison.Ordinal))
        {
            regex = tail[6..].Trim();
        }
        else if (tail.Length > 0)
        {
            throw new ScriptFormatException(ln, $"invalid expect line: {text}");
        }
        switch (word)
        {
            case "fail":
                if (cmd.ExpectFail)
                {
                    throw new ScriptFormatException(ln, "at most one expect fail per eval");
                }
                cmd.ExpectFail = true;
                cmd.FailMessage = msg;
                cmd.FailRegex = regex;
                break;
            case "warn":
                cmd.Annotations.Add(new AnnotationExpectation(true, msg, regex));
                break;
            case "info":
                cmd.Annotations.Add(new AnnotationExpectation(false, msg, regex));
                break;
            default:
                throw new ScriptFormatException(ln, $"invalid expect line: {text}");
        }
    }
}
