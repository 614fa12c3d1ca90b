using System.CommandLine;
using Argus.Web.Logging;
using Microsoft.Extensions.Logging;

namespace Argus.Server.Cli;

/// <summary>How every <c>argus</c> command declares its flags, and the checks the commands share, so each
/// command's flags read and fail the same way.</summary>
internal static class FlagOptions
{
    /// <summary>A flag taking one value, kept as text and validated by the command (so an error names the flag).</summary>
    public static Option<string> Text(string name, string defaultValue, string description, string helpName) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        HelpName = helpName,
    };

    public static Option<bool> Switch(string name, bool defaultValue, string description) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
    };

    /// <summary>Reads <c>--log.level</c> and <c>--log.format</c>, adding a problem naming the flag for each bad value.</summary>
    public static (LogLevel Level, LogFormat Format) LogSettingsFrom(ParseResult parsed, Option<string> level, Option<string> format, List<string> problems)
    {
        var levelText = parsed.GetValue(level) ?? string.Empty;
        var formatText = parsed.GetValue(format) ?? string.Empty;
        if (!LogSettings.TryParseLevel(levelText, out var parsedLevel))
        {
            problems.Add($"invalid value \"{levelText}\" for flag {level.Name}: expected one of [debug, info, warn, error]");
        }
        if (!LogSettings.TryParseFormat(formatText, out var parsedFormat))
        {
            problems.Add($"invalid value \"{formatText}\" for flag {format.Name}: expected one of [logfmt, json]");
        }
        return (parsedLevel, parsedFormat);
    }
}
