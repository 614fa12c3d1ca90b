namespace Argus.Templates;

/// <summary>
/// A template failed to parse. The message follows Go's wording:
/// <c>template: name:line: cause</c>.
/// </summary>
public sealed class TemplateParseException : Exception
{
    public TemplateParseException(string templateName, int line, string cause)
        : base($"template: {templateName}:{line}: {cause}")
    {
        TemplateName = templateName;
        Line = line;
        Cause = cause;
    }

    public string TemplateName { get; }

    public int Line { get; }

    public string Cause { get; }
}
