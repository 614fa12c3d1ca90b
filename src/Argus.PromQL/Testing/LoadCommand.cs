using Argus.Model.Labels;

namespace Argus.PromQL.Testing;

/// <summary><c>load &lt;step&gt;</c> (or <c>load_with_nhcb</c>) with its series lines.</summary>
public sealed record LoadCommand(int Line, long StepMs, bool WithNhcb, IReadOnlyList<(LabelSet Labels, IReadOnlyList<Slot> Slots)> Series) : ScriptCommand(Line);
