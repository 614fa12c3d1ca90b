namespace Argus.Config;

/// <summary>The <c>metric_name_escaping_scheme</c> values.</summary>
public static class MetricNameEscaping
{
    public const string AllowUtf8 = "allow-utf-8";
    public const string Underscores = "underscores";
    public const string Dots = "dots";
    public const string Values = "values";

    public static bool IsKnown(string scheme) => scheme is AllowUtf8 or Underscores or Dots or Values;
}
