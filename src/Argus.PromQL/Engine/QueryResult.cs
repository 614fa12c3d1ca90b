using Argus.PromQL.Ast;

namespace Argus.PromQL.Engine;

/// <summary>
/// The outcome of a query: exactly one of <see cref="Scalar"/>, <see cref="String"/>, <see cref="Vector"/>,
/// <see cref="Matrix"/> is meaningful, chosen by <see cref="Type"/>. Matrices are sorted by labels.
/// </summary>
public sealed class QueryResult
{
    public PromValueType Type { get; init; }

    /// <summary>Timestamp (ms) of a scalar or string result.</summary>
    public long T { get; init; }

    public double Scalar { get; init; }

    public string? String { get; init; }

    public IReadOnlyList<VectorSample> Vector { get; init; } = [];

    public IReadOnlyList<Series> Matrix { get; init; } = [];

    /// <summary>Warning annotations ("PromQL warning: ...").</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Info annotations ("PromQL info: ...").</summary>
    public IReadOnlyList<string> Infos { get; init; } = [];
}
