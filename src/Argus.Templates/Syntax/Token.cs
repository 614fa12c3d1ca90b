namespace Argus.Templates.Syntax;

/// <summary>One lexical item: its kind, source text, byte offset and 1-based line.</summary>
internal readonly record struct Token(TokenKind Kind, string Value, int Pos, int Line);
