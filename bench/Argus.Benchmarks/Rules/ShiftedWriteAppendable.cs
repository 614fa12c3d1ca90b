using Argus.Storage;

namespace Argus.Benchmarks.Rules;

/// <summary>
/// Writes to <paramref name="inner"/> with every timestamp moved forward by <see cref="ShiftMs"/>. The rule
/// benchmark evaluates at a few times in turn over fixed data; shifting the alert series it writes onto a
/// clock that keeps advancing makes those writes the in-order appends of a running server instead of
/// out-of-order ones (rejected, or stored in the out-of-order buffer), without changing what the
/// queries read.
/// </summary>
internal sealed class ShiftedWriteAppendable(IAppendable inner) : IAppendable
{
    public long ShiftMs { get; set; }

    public IAppender CreateAppender() => new ShiftedWriteAppender(inner.CreateAppender(), ShiftMs);
}
