using Argus.Storage;
using IQueryable = Argus.Storage.IQueryable;

namespace Argus.Web.Tests.Api;

/// <summary>Storage whose queriers wait until the test releases them, to hold queries in evaluation.</summary>
internal sealed class BlockingStorage(IQueryable inner) : IQueryable
{
    private readonly SemaphoreSlim _release = new(0);
    private int _queriers;

    /// <summary>Queriers asked for so far, i.e. evaluations that got past the concurrency gate.</summary>
    public int Queriers => Volatile.Read(ref _queriers);

    public void Release(int count) => _release.Release(count);

    public IQuerier CreateQuerier(long minTimeMs, long maxTimeMs)
    {
        Interlocked.Increment(ref _queriers);
        if (!_release.Wait(TimeSpan.FromSeconds(20)))
        {
            throw new InvalidOperationException("the test never released the querier");
        }
        return inner.CreateQuerier(minTimeMs, maxTimeMs);
    }
}
