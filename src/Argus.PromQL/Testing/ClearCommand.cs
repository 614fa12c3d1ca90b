namespace Argus.PromQL.Testing;

public sealed record ClearCommand(int Line) : ScriptCommand(Line);
