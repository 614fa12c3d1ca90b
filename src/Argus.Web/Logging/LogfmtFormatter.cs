using System.Text;
using Argus.Model.Labels;

namespace Argus.Web.Logging;

/// <summary>
/// Formats entries as logfmt lines: <c>ts=… level=info component=web msg="…" key=value err="…"</c>.
/// Values are quoted (Go-style escapes) when empty or when they contain spaces, <c>=</c>, quotes or
/// control characters; keys have such characters replaced by <c>_</c>.
/// </summary>
public static class LogfmtFormatter
{
    public static string Format(LogEntry entry)
    {
        var sb = new StringBuilder(128);
        sb.Append("ts=").Append(LogValues.Timestamp(entry.Timestamp));
        sb.Append(" level=").Append(LogSettings.LevelName(entry.Level));
        AppendPair(sb, "component", entry.Component);
        AppendPair(sb, "msg", entry.Message);
        foreach (var (key, value) in entry.Fields)
        {
            AppendPair(sb, key, LogValues.ToText(value));
        }
        if (entry.Exception is not null)
        {
            AppendPair(sb, "err", LogValues.ErrorText(entry.Exception));
        }
        sb.Append('\n');
        return sb.ToString();
    }

    private static void AppendPair(StringBuilder sb, string key, string value)
    {
        sb.Append(' ');
        foreach (var c in key)
        {
            sb.Append(c <= ' ' || c == '=' || c == '"' ? '_' : c);
        }
        sb.Append('=');
        if (NeedsQuoting(value))
        {
            LabelValueQuoting.AppendQuoted(sb, value);
        }
        else
        {
            sb.Append(value);
        }
    }

    private static bool NeedsQuoting(string value)
    {
        if (value.Length == 0)
        {
            return true;
        }
        foreach (var c in value)
        {
            if (c <= ' ' || c == '=' || c == '"' || c == '\\' || c == 0x7f || char.IsControl(c))
            {
                return true;
            }
        }
        return false;
    }
}
