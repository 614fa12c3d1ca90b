using Argus.Templates.Execution;
using Argus.Templates.Syntax;

namespace Argus.Templates;

/// <summary>
/// A Go <c>text/template</c> template: parse once, execute many times. Templates created from the same
/// root share one set of named templates (<c>define</c>/<c>block</c>/<c>template</c>), one function set
/// and one <see cref="MissingKeyMode"/>. Execution is thread-safe; parsing more text into the set while
/// it executes is allowed but executions then see either the old or the new definition.
/// </summary>
/// <example><code>
/// var t = GoTemplate.Parse("summary", "{{ $labels.instance }} is down", PrometheusTemplateFunctions.Create(...));
/// string text = t.Execute(data);
/// </code></example>
public sealed class GoTemplate
{
    private readonly TemplateSet _set;

    private GoTemplate(TemplateSet set, string name)
    {
        _set = set;
        Name = name;
    }

    public string Name { get; }

    /// <summary>The parsed tree of this template, or null when it has not been defined yet.</summary>
    public TemplateTree? Tree => _set.Lookup(Name);

    /// <summary>The names of all templates in the set, sorted.</summary>
    public IReadOnlyList<string> TemplateNames => _set.Names;

    /// <summary>Creates an empty template (and set) to parse into.</summary>
    public static GoTemplate New(string name, TemplateFunctions? functions = null, MissingKeyMode missingKey = MissingKeyMode.Default) =>
        new(new TemplateSet(functions ?? new TemplateFunctions(), missingKey), name);

    /// <summary>Parses <paramref name="text"/> as template <paramref name="name"/>.</summary>
    /// <exception cref="TemplateParseException">The text is not a valid template; the message names template, line and cause.</exception>
    public static GoTemplate Parse(string name, string text, TemplateFunctions? functions = null, MissingKeyMode missingKey = MissingKeyMode.Default) =>
        New(name, functions, missingKey).ParseText(text);

    /// <summary>
    /// Go's <c>t.Parse</c>: parses <paramref name="text"/> as this template's body and adds its
    /// definitions to the set, replacing same-named ones (an empty body does not replace a defined one).
    /// </summary>
    public GoTemplate ParseText(string text)
    {
        Interlocked.Increment(ref TemplateStats.Global.Parses);
        try
        {
            _set.Parse(Name, text);
        }
        catch (TemplateParseException)
        {
            Interlocked.Increment(ref TemplateStats.Global.ParseFailures);
            throw;
        }
        return this;
    }

    /// <summary>
    /// Go's <c>t.Clone()</c>: a copy of this template whose set holds the same trees, so that parsing
    /// into the copy leaves the original untouched.
    /// </summary>
    public GoTemplate Clone() => new(_set.Clone(), Name);

    /// <summary>Go's <c>t.New(name)</c>: a new template sharing this one's set.</summary>
    public GoTemplate NewAssociated(string name) => new(_set, name);

    /// <summary>The template of that name in the set, or null.</summary>
    public GoTemplate? Lookup(string name) => _set.Lookup(name) is null ? null : new GoTemplate(_set, name);

    /// <summary>Adds a parsed tree under <paramref name="name"/> (Go's <c>AddParseTree</c>).</summary>
    public GoTemplate AddParseTree(string name, TemplateTree tree)
    {
        _set.Add(tree.Name == name ? tree : new TemplateTree(name, tree.ParseName, tree.Source, tree.Root));
        return new GoTemplate(_set, name);
    }

    /// <exception cref="TemplateExecutionException">Execution failed; output written so far stays in <paramref name="writer"/>.</exception>
    public void Execute(TextWriter writer, object? data) => ExecuteTemplate(writer, Name, data);

    public string Execute(object? data)
    {
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        Execute(writer, data);
        return writer.ToString();
    }

    public void ExecuteTemplate(TextWriter writer, string name, object? data)
    {
        var tree = _set.Lookup(name);
        if (tree is null)
        {
            throw new TemplateExecutionException(name == Name
                ? $"template: {name}: {Formatting.GoLiteral.Quote(name)} is an incomplete or empty template"
                : $"template: no template {Formatting.GoLiteral.Quote(name)} associated with template {Formatting.GoLiteral.Quote(Name)}");
        }
        Interlocked.Increment(ref TemplateStats.Global.Executions);
        try
        {
            Executor.Execute(_set, tree, writer, data);
        }
        catch (TemplateExecutionException)
        {
            Interlocked.Increment(ref TemplateStats.Global.ExecutionFailures);
            throw;
        }
    }

    public string ExecuteTemplate(string name, object? data)
    {
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        ExecuteTemplate(writer, name, data);
        return writer.ToString();
    }
}
