namespace Argus.Alerting.Matchers;

/// <summary>A matcher expression such as <c>{foo="bar"}</c> is malformed; the message says where and why.</summary>
public sealed class MatcherParseException : FormatException
{
    public MatcherParseException()
    {
    }

    public MatcherParseException(string message)
        : base(message)
    {
    }

    public MatcherParseException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
