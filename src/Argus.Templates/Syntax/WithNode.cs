namespace Argus.Templates.Syntax;

/// <summary>A <c>{{with}}</c> action.</summary>
public sealed class WithNode(int pos, int line, PipeNode pipe, ListNode list, ListNode? elseList)
    : BranchNode(pos, line, pipe, list, elseList)
{
    protected override string Keyword => "with";
}
