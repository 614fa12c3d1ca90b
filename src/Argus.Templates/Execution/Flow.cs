namespace Argus.Templates.Execution;

/// <summary>How walking a node ended: normally, or at a <c>{{break}}</c>/<c>{{continue}}</c> for the enclosing range.</summary>
internal enum Flow
{
    Normal,
    Break,
    Continue,
}
