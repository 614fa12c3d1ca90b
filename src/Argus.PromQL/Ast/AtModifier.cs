namespace Argus.PromQL.Ast;

/// <summary>What an <c>@</c> modifier pins evaluation to.</summary>
public enum AtModifier : byte
{
    /// <summary>No <c>@</c>: the evaluation time.</summary>
    None,

    /// <summary><c>@ &lt;timestamp&gt;</c>.</summary>
    Timestamp,

    /// <summary><c>@ start()</c>.</summary>
    Start,

    /// <summary><c>@ end()</c>.</summary>
    End,
}
