using Argus.Templates.Alertmanager;

namespace Argus.Notify.Integrations.Templates;

/// <summary>
/// Argus's built-in notification template file (<c>argus-default.tmpl</c>, embedded in this assembly): it
/// defines every name the integrations' default text fields refer to (<c>__subject</c>,
/// <c>email.default.html</c>, <c>slack.default.title</c>, <c>wechat.default.message</c>,
/// <c>dingtalk.default.message</c>, <c>sms.default.message</c>, …).
/// </summary>
public static class DefaultTemplates
{
    /// <summary>The name the default file is parsed under (shown in template error messages).</summary>
    public const string FileName = "argus-default.tmpl";

    private static readonly Lazy<string> LazyText = new(Load);

    /// <summary>The default template file's text.</summary>
    public static string Text => LazyText.Value;

    /// <summary>
    /// Parses the default file followed by the user's template files (the <c>templates:</c> globs, already
    /// read), so a user file can redefine any default name, as with Alertmanager.
    /// </summary>
    /// <exception cref="Argus.Templates.TemplateParseException">A user file does not parse.</exception>
    public static AlertmanagerTemplates Create(IEnumerable<(string Name, string Text)> userFiles)
    {
        ArgumentNullException.ThrowIfNull(userFiles);
        return AlertmanagerTemplates.Create([(FileName, Text), .. userFiles]);
    }

    private static string Load()
    {
        using var stream = typeof(DefaultTemplates).Assembly.GetManifestResourceStream("Argus.Notify." + FileName)
            ?? throw new InvalidOperationException($"the embedded resource {FileName} is missing from {typeof(DefaultTemplates).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
