namespace Argus.Web.Api.V1;

/// <summary>
/// Rejects absurdly nested queries before they reach the recursive-descent parser and evaluator: Go's
/// growable stacks let Prometheus survive <c>((((…))))</c> thousands deep, but a .NET thread's fixed stack
/// would overflow and take the whole process down, so the API refuses such a query with a clear error.
/// </summary>
public static class QueryNesting
{
    /// <summary>Deepest bracket nesting accepted; far beyond any real query.</summary>
    public const int MaxDepth = 256;

    /// <summary>Throws a bad_data <see cref="ApiError"/> if brackets outside string literals nest deeper than <see cref="MaxDepth"/>.</summary>
    public static void Check(string query)
    {
        var depth = 0;
        var quote = '\0';
        for (var i = 0; i < query.Length; i++)
        {
            var c = query[i];
            if (quote != '\0')
            {
                if (c == '\\' && quote != '`')
                {
                    i++;
                }
                else if (c == quote)
                {
                    quote = '\0';
                }
                continue;
            }
            switch (c)
            {
                case '"' or '\'' or '`':
                    quote = c;
                    break;
                case '(' or '[' or '{':
                    if (++depth > MaxDepth)
                    {
                        throw new ApiError(ApiErrorKind.BadData, $"invalid parameter \"query\": expression nests deeper than {MaxDepth} levels at position {i}");
                    }
                    break;
                case ')' or ']' or '}':
                    depth--;
                    break;
            }
        }
    }
}
