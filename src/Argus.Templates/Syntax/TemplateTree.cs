namespace Argus.Templates.Syntax;

/// <summary>
/// The parsed form of one named template. Immutable after parsing; safe to execute concurrently.
/// <see cref="ParseName"/> is the top-level template whose source contains it, used in error
/// positions; <see cref="Source"/> is that source, used to turn node offsets into columns.
/// </summary>
public sealed class TemplateTree(string name, string parseName, string source, ListNode root)
{
    public string Name { get; } = name;

    public string ParseName { get; } = parseName;

    public string Source { get; } = source;

    public ListNode Root { get; } = root;

    /// <summary>True when the tree holds only white space (Go's <c>IsEmptyTree</c>).</summary>
    public bool IsEmpty => Root.Nodes.All(n => n is TextNode t && string.IsNullOrWhiteSpace(t.Text));

    /// <summary>Go's error location of a node: <c>parseName:line:column</c> with a 0-based byte column.</summary>
    public string Location(Node node)
    {
        var pos = Math.Min(node.Pos, Source.Length);
        var lastNewline = Source.LastIndexOf('\n', Math.Max(pos - 1, 0));
        if (pos == 0)
        {
            lastNewline = -1;
        }
        var column = pos - (lastNewline + 1);
        return $"{ParseName}:{node.Line}:{column}";
    }
}
