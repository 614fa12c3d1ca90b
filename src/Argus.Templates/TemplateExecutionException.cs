namespace Argus.Templates;

/// <summary>
/// Executing a template failed. The message follows Go's wording:
/// <c>template: name:line:col: executing "name" at &lt;node&gt;: cause</c>, so callers can log it
/// and fall back to the raw text as Prometheus and Alertmanager do.
/// </summary>
public sealed class TemplateExecutionException : Exception
{
    public TemplateExecutionException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
