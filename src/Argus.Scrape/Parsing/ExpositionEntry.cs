namespace Argus.Scrape.Parsing;

/// <summary>What <see cref="ExpositionParser.Next"/> found.</summary>
public enum ExpositionEntry : byte
{
    /// <summary>The body is exhausted (and, for OpenMetrics, ended with <c># EOF</c>).</summary>
    End,

    /// <summary>A sample line: see <see cref="ExpositionParser.SeriesBytes"/>, value and timestamp.</summary>
    Series,

    /// <summary>A <c># TYPE</c> line.</summary>
    Type,

    /// <summary>A <c># HELP</c> line.</summary>
    Help,

    /// <summary>An OpenMetrics <c># UNIT</c> line.</summary>
    Unit,

    /// <summary>Any other comment (text format only).</summary>
    Comment,
}
