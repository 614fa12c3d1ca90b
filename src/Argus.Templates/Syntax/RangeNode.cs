namespace Argus.Templates.Syntax;

/// <summary>A <c>{{range}}</c> action.</summary>
public sealed class RangeNode(int pos, int line, PipeNode pipe, ListNode list, ListNode? elseList)
    : BranchNode(pos, line, pipe, list, elseList)
{
    protected override string Keyword => "range";
}
