namespace Argus.Templates;

/// <summary>
/// A function callable from templates. <paramref name="Invoke"/> receives the evaluated arguments
/// (Go's nil and missing values arrive as null) and returns the result; it throws to report an error
/// (<see cref="TemplateArgumentException"/> for a wrongly typed argument). <paramref name="MaxArgs"/> is
/// -1 for variadic functions. Must be thread-safe: one instance serves concurrent executions.
/// </summary>
public sealed record TemplateFunction(string Name, int MinArgs, int MaxArgs, Func<object?[], object?> Invoke);
