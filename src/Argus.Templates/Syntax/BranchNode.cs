namespace Argus.Templates.Syntax;

/// <summary>The shared shape of <c>if</c>, <c>range</c> and <c>with</c>: a pipeline, a body and an optional else.</summary>
public abstract class BranchNode(int pos, int line, PipeNode pipe, ListNode list, ListNode? elseList) : Node(pos, line)
{
    public PipeNode Pipe { get; } = pipe;

    public ListNode List { get; } = list;

    public ListNode? ElseList { get; } = elseList;

    protected abstract string Keyword { get; }

    public override string ToString() =>
        "{{" + Keyword + " " + Pipe + "}}" + List + (ElseList is null ? string.Empty : "{{else}}" + ElseList) + "{{end}}";
}
