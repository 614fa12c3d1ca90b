namespace Argus.Web.Logging;

/// <summary>How log lines are written: <c>--log.format=logfmt|json</c>.</summary>
public enum LogFormat
{
    Logfmt,
    Json,
}
