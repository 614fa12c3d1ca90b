namespace Argus.Templates;

/// <summary>A template function got an argument of the wrong type; reported like Go's <c>wrong type for value</c>.</summary>
public sealed class TemplateArgumentException(string message) : Exception(message);
