namespace Argus.Templates.Syntax;

/// <summary>A <c>{{if}}</c> action.</summary>
public sealed class IfNode(int pos, int line, PipeNode pipe, ListNode list, ListNode? elseList)
    : BranchNode(pos, line, pipe, list, elseList)
{
    protected override string Keyword => "if";
}
