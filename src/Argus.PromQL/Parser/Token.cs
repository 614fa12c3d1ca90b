namespace Argus.PromQL.Parser;

/// <summary>One lexical token: kind, position in the query, raw text, and the decoded value for
/// numbers (<see cref="Number"/>), durations (<see cref="DurationMs"/>) and strings (<see cref="Text"/>).</summary>
internal readonly record struct Token(TokenKind Kind, int Position, string Text, double Number = 0, long DurationMs = 0);
