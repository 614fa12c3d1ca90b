namespace Argus.PromQL.Ast;

/// <summary>Signature of a PromQL function. <paramref name="Variadic"/>: 0 fixed arity, n &gt; 0 up to n
/// optional trailing arguments, -1 unlimited repetitions of the last argument type.</summary>
public sealed record FunctionInfo(string Name, PromValueType[] ArgTypes, int Variadic, PromValueType ReturnType, bool Experimental = false);
