using Argus.Storage;
using Argus.Tsdb;
using IQueryable = Argus.Storage.IQueryable;

namespace Argus.Server.Composition;

/// <summary>
/// The storage as the other stages see it. The web server starts before the TSDB has replayed its
/// WAL (so <c>/-/healthy</c> answers during a long start-up), and the API and receivers are built then;
/// they hold this handle, which forwards to the TSDB once it is open. Until then, and after it is
/// closed, calls fail with a <see cref="StorageException"/> — endpoints using storage are behind the
/// readiness gate, so clients see 503 rather than that error.
/// </summary>
/// <remarks>Thread-safe: the storage reference is published with a volatile write.</remarks>
internal sealed class StorageHandle : IQueryable, IAppendable
{
    private volatile TsdbStorage? _storage;

    public TsdbStorage? Current => _storage;

    public void Attach(TsdbStorage? storage) => _storage = storage;

    public IQuerier CreateQuerier(long minTimeMs, long maxTimeMs) => Require().CreateQuerier(minTimeMs, maxTimeMs);

    public IAppender CreateAppender() => Require().CreateAppender();

    private TsdbStorage Require() => _storage ?? throw new StorageException("storage is not open (Argus is starting or stopping)");
}
