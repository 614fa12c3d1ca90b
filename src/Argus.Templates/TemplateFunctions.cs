using System.Collections;

namespace Argus.Templates;

/// <summary>
/// A set of named template functions (Go's <c>FuncMap</c>). Built before parsing and not changed
/// afterwards; reading it from concurrent executions is safe. User functions shadow built-ins of the
/// same name, as in Go.
/// </summary>
public sealed class TemplateFunctions : IEnumerable<TemplateFunction>
{
    private readonly Dictionary<string, TemplateFunction> _functions = new(StringComparer.Ordinal);

    public TemplateFunctions Add(TemplateFunction function)
    {
        _functions[function.Name] = function;
        return this;
    }

    public TemplateFunctions Add(string name, int minArgs, int maxArgs, Func<object?[], object?> invoke) =>
        Add(new TemplateFunction(name, minArgs, maxArgs, invoke));

    /// <summary>Adds every function of <paramref name="other"/>, replacing same-named ones.</summary>
    public TemplateFunctions AddRange(TemplateFunctions other)
    {
        foreach (var function in other)
        {
            Add(function);
        }
        return this;
    }

    public bool TryGet(string name, out TemplateFunction function) => _functions.TryGetValue(name, out function!);

    public bool Contains(string name) => _functions.ContainsKey(name);

    public IEnumerator<TemplateFunction> GetEnumerator() => _functions.Values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
