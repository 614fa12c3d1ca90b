namespace Argus.PromQL.Engine;

/// <summary>Classification of query errors, as in Prometheus' HTTP API <c>errorType</c>.</summary>
public enum ErrorType : byte
{
    /// <summary>The query or its parameters are invalid (parse errors, bad step).</summary>
    BadData,

    /// <summary>Evaluation failed (many-to-many matching, too many samples, storage errors).</summary>
    Execution,

    /// <summary>The query exceeded its timeout.</summary>
    Timeout,

    /// <summary>The caller cancelled the query.</summary>
    Canceled,
}
