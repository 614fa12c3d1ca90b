namespace Argus.PromQL.Testing;

/// <summary>One command of a test script, with the 1-based line it starts on.</summary>
public abstract record ScriptCommand(int Line);
