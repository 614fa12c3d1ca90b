namespace Argus.PromQL.Testing;

/// <summary>A test script line that does not follow the script language; names file line and cause.</summary>
public sealed class ScriptFormatException : Exception
{
    public ScriptFormatException()
    {
    }

    public ScriptFormatException(string message)
        : base(message)
    {
    }

    public ScriptFormatException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public ScriptFormatException(int line, string message)
        : base($"line {line}: {message}")
    {
        Line = line;
    }

    public int Line { get; }
}
