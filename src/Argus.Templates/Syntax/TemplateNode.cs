namespace Argus.Templates.Syntax;

/// <summary>A <c>{{template "name" pipeline}}</c> invocation.</summary>
public sealed class TemplateNode(int pos, int line, string name, PipeNode? pipe) : Node(pos, line)
{
    public string Name { get; } = name;

    public PipeNode? Pipe { get; } = pipe;

    public override string ToString() =>
        "{{template " + GoQuoteName(Name) + (Pipe is null ? string.Empty : " " + Pipe) + "}}";

    private static string GoQuoteName(string name) => "\"" + name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
