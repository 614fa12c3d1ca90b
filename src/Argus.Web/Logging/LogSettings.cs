using Microsoft.Extensions.Logging;

namespace Argus.Web.Logging;

/// <summary>
/// Parsing and printing of the <c>--log.level</c> and <c>--log.format</c> values, in Prometheus'
/// spelling (<c>debug</c>, <c>info</c>, <c>warn</c>, <c>error</c>; <c>logfmt</c>, <c>json</c>).
/// </summary>
public static class LogSettings
{
    public static readonly string[] LevelNames = ["debug", "info", "warn", "error"];

    public static readonly string[] FormatNames = ["logfmt", "json"];

    public static bool TryParseLevel(string text, out LogLevel level)
    {
        level = text switch
        {
            "debug" => LogLevel.Debug,
            "info" => LogLevel.Information,
            "warn" => LogLevel.Warning,
            "error" => LogLevel.Error,
            _ => LogLevel.None,
        };
        return level != LogLevel.None;
    }

    public static bool TryParseFormat(string text, out LogFormat format)
    {
        switch (text)
        {
            case "logfmt":
                format = LogFormat.Logfmt;
                return true;
            case "json":
                format = LogFormat.Json;
                return true;
            default:
                format = default;
                return false;
        }
    }

    /// <summary>The name written in the <c>level</c> field; trace and critical fold into debug and error.</summary>
    public static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace or LogLevel.Debug => "debug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        _ => "error",
    };
}
