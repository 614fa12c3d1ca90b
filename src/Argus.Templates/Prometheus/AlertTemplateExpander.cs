namespace Argus.Templates.Prometheus;

/// <summary>
/// Expands alerting-rule annotation and label templates as Prometheus does: the text is prefixed with
/// the variable definitions (<c>$labels</c>, <c>$externalLabels</c>, <c>$externalURL</c>, <c>$value</c>),
/// parsed under the name <c>__alert_&lt;rule&gt;</c> and executed; failures are reported the way
/// Prometheus puts them into the annotation (<c>&lt;error expanding template: …&gt;</c>).
/// </summary>
public static class AlertTemplateExpander
{
    /// <summary>The definitions Prometheus puts before every alert template.</summary>
    public const string Preamble = "{{$labels := .Labels}}{{$externalLabels := .ExternalLabels}}{{$externalURL := .ExternalURL}}{{$value := .Value}}";

    /// <summary>Expands <paramref name="text"/>; false with Prometheus' error text when parsing or execution fails.</summary>
    public static bool TryExpand(string ruleName, string text, AlertTemplateData data, TemplateFunctions functions, out string result, out string? error)
    {
        var name = "__alert_" + ruleName;
        GoTemplate template;
        try
        {
            template = GoTemplate.Parse(name, Preamble + text, functions);
        }
        catch (TemplateParseException e)
        {
            result = string.Empty;
            error = $"error parsing template {name}: {e.Message}";
            return false;
        }
        try
        {
            result = template.Execute(data);
            error = null;
            return true;
        }
        catch (TemplateExecutionException e)
        {
            result = string.Empty;
            error = $"error executing template {name}: {e.Message}";
            return false;
        }
    }

    /// <summary>The expanded text, or <c>&lt;error expanding template: …&gt;</c> as Prometheus stores in the alert.</summary>
    public static string ExpandOrError(string ruleName, string text, AlertTemplateData data, TemplateFunctions functions) =>
        TryExpand(ruleName, text, data, functions, out var result, out var error) ? result : $"<error expanding template: {error}>";
}
