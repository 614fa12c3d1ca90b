namespace Argus.Templates.Alertmanager;

/// <summary>
/// Alertmanager's template set: the default and user template files parsed together with
/// <c>missingkey=zero</c> and the Alertmanager functions, against which integrations expand their
/// text fields (<c>{{ template "slack.default.title" . }}</c>). Thread-safe after construction.
/// </summary>
public sealed class AlertmanagerTemplates
{
    private readonly GoTemplate _root;

    private AlertmanagerTemplates(GoTemplate root)
    {
        _root = root;
    }

    /// <summary>Parses the given template file texts in order (the default templates first, as Alertmanager loads them).</summary>
    /// <exception cref="TemplateParseException">A file does not parse.</exception>
    public static AlertmanagerTemplates Create(IEnumerable<(string Name, string Text)> files, TemplateFunctions? functions = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        var root = GoTemplate.New(string.Empty, functions ?? AlertmanagerTemplateFunctions.Create(), MissingKeyMode.Zero);
        foreach (var (name, text) in files)
        {
            root.NewAssociated(name).ParseText(text);
        }
        return new AlertmanagerTemplates(root);
    }

    /// <summary>The names of all defined templates.</summary>
    public IReadOnlyList<string> TemplateNames => _root.TemplateNames;

    /// <summary>
    /// Alertmanager's <c>ExecuteTextString</c>: parses <paramref name="text"/> as a template that can
    /// call every defined template, and executes it with <paramref name="data"/>. Empty text gives "".
    /// </summary>
    /// <exception cref="TemplateParseException">The text does not parse.</exception>
    /// <exception cref="TemplateExecutionException">Execution failed.</exception>
    public string ExecuteText(string text, object? data)
    {
        if (text.Length == 0)
        {
            return string.Empty;
        }
        return _root.Clone().ParseText(text).Execute(data);
    }

    /// <summary>Executes one defined template by name.</summary>
    public string ExecuteTemplate(string name, object? data) => _root.ExecuteTemplate(name, data);
}
