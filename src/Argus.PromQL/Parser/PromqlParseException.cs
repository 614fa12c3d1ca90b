namespace Argus.PromQL.Parser;

/// <summary>A syntax or type error in a PromQL query. The message has Prometheus' shape,
/// <c>1:7: parse error: unexpected ...</c>, with a 1-based line and column.</summary>
public sealed class PromqlParseException : Exception
{
    public PromqlParseException()
    {
        Detail = string.Empty;
    }

    public PromqlParseException(string message)
        : base(message)
    {
        Detail = message;
    }

    public PromqlParseException(string message, Exception inner)
        : base(message, inner)
    {
        Detail = message;
    }

    public PromqlParseException(string query, int position, string detail)
        : base(Format(query, position, detail))
    {
        Position = position;
        Detail = detail;
        (Line, Column) = LineAndColumn(query, position);
    }

    /// <summary>0-based character offset of the error.</summary>
    public int Position { get; }

    public int Line { get; }

    public int Column { get; }

    /// <summary>The message without position prefix.</summary>
    public string Detail { get; }

    private static string Format(string query, int position, string detail)
    {
        var (line, column) = LineAndColumn(query, position);
        return $"{line}:{column}: parse error: {detail}";
    }

    private static (int Line, int Column) LineAndColumn(string query, int position)
    {
        var line = 1;
        var column = 1;
        for (var i = 0; i < position && i < query.Length; i++)
        {
            if (query[i] == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }
        }
        return (line, column);
    }
}
