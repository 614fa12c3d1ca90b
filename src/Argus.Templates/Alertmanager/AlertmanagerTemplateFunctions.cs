using System.Text;
using Argus.Templates.Formatting;
using Argus.Templates.Functions;

namespace Argus.Templates.Alertmanager;

/// <summary>
/// Alertmanager's notification template functions (<c>DefaultFuncs</c>): string helpers, regexes,
/// <c>join</c>/<c>stringSlice</c>, time helpers (<c>date</c>, <c>tz</c>, <c>since</c>,
/// <c>humanizeDuration</c>) and <c>toJson</c>. Stateless and thread-safe.
/// </summary>
public static class AlertmanagerTemplateFunctions
{
    public static TemplateFunctions Create(TimeProvider? clock = null)
    {
        var time = clock ?? TimeProvider.System;
        return new TemplateFunctions()
            .Add("toUpper", 1, 1, args => TemplateArgs.String(args, 0).ToUpperInvariant())
            .Add("toLower", 1, 1, args => TemplateArgs.String(args, 0).ToLowerInvariant())
            .Add("title", 1, 1, args => Title(TemplateArgs.String(args, 0)))
            .Add("trimSpace", 1, 1, args => TemplateArgs.String(args, 0).Trim())
            .Add("join", 2, 2, args => string.Join(TemplateArgs.String(args, 0), TemplateArgs.StringList(args, 1)))
            .Add("match", 2, 2, args => TextFunctions.Match(TemplateArgs.String(args, 0), TemplateArgs.String(args, 1)))
            .Add("safeHtml", 1, 1, args => TemplateArgs.String(args, 0))
            .Add("safeUrl", 1, 1, args => TemplateArgs.String(args, 0))
            .Add("urlUnescape", 1, 1, args => GoEscapers.QueryUnescape(TemplateArgs.String(args, 0)))
            .Add("reReplaceAll", 3, 3, args => TextFunctions.ReplaceAll(TemplateArgs.String(args, 0), TemplateArgs.String(args, 1), TemplateArgs.String(args, 2)))
            .Add("stringSlice", 0, -1, args => Enumerable.Range(0, args.Length).Select(i => TemplateArgs.String(args, i)).ToList())
            .Add("date", 2, 2, args => GoTime.Format(TemplateArgs.Time(args, 1), TemplateArgs.String(args, 0)))
            .Add("tz", 2, 2, args => InZone(TemplateArgs.String(args, 0), TemplateArgs.Time(args, 1)))
            .Add("since", 1, 1, args => time.GetUtcNow() - TemplateArgs.Time(args, 0))
            .Add("humanizeDuration", 1, 1, args => Humanize.Duration(TemplateArgs.Float(args, 0)))
            .Add("toJson", 1, 1, args => GoJson.Marshal(args[0]));
    }

    /// <summary>
    /// <c>cases.Title(language.AmericanEnglish)</c>: the first letter of each word upper-cased and the
    /// rest lower-cased; apostrophes and digits belong to words.
    /// </summary>
    public static string Title(string s)
    {
        var sb = new StringBuilder(s.Length);
        var inWord = false;
        foreach (var rune in s.EnumerateRunes())
        {
            var isWordRune = Rune.IsLetterOrDigit(rune) || rune.Value == '\'' || rune.Value == '\u2019'
                || Rune.GetUnicodeCategory(rune) is System.Globalization.UnicodeCategory.NonSpacingMark;
            if (!isWordRune)
            {
                inWord = false;
                sb.Append(rune.ToString());
                continue;
            }
            sb.Append((inWord ? Rune.ToLowerInvariant(rune) : Rune.ToUpperInvariant(rune)).ToString());
            inWord = true;
        }
        return sb.ToString();
    }

    private static DateTimeOffset InZone(string name, DateTimeOffset t)
    {
        if (name is "" or "UTC")
        {
            return t.ToUniversalTime();
        }
        if (name == "Local")
        {
            return t.ToLocalTime();
        }
        try
        {
            return TimeZoneInfo.ConvertTime(t, TimeZoneInfo.FindSystemTimeZoneById(name));
        }
        catch (TimeZoneNotFoundException)
        {
            throw new InvalidOperationException($"unknown time zone {name}");
        }
    }
}
