namespace Argus.Model.Labels;

/// <summary>The four label matcher operators of PromQL and Alertmanager.</summary>
public enum MatchType : byte
{
    /// <summary><c>=</c></summary>
    Equal,

    /// <summary><c>!=</c></summary>
    NotEqual,

    /// <summary><c>=~</c> (fully anchored RE2)</summary>
    Regex,

    /// <summary><c>!~</c> (fully anchored RE2)</summary>
    NotRegex,
}
